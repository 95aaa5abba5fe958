CREATE TABLE "allot"."member_invites" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"role" "allot"."member_role" NOT NULL,
	"department_id" uuid,
	"head_of_department_ids" uuid[] DEFAULT '{}' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"send_count" integer DEFAULT 1 NOT NULL,
	"invited_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_member_id" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "member_invites_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "member_invites_send_count_positive" CHECK ("allot"."member_invites"."send_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."user_identities" (
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "user_identities_pkey" PRIMARY KEY("provider","subject")
);
--> statement-breakpoint
ALTER TABLE "allot"."member_invites" ADD CONSTRAINT "member_invites_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."member_invites" ADD CONSTRAINT "member_invites_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."member_invites" ADD CONSTRAINT "member_invites_member_fkey" FOREIGN KEY ("org_id","accepted_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."user_identities" ADD CONSTRAINT "user_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "allot"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_invites_token_hash_key" ON "allot"."member_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "member_invites_open_email_key" ON "allot"."member_invites" USING btree ("org_id",lower("email")) WHERE "allot"."member_invites"."accepted_at" IS NULL AND "allot"."member_invites"."revoked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "member_invites_org_created_idx" ON "allot"."member_invites" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_identities_user_provider_key" ON "allot"."user_identities" USING btree ("user_id","provider");