CREATE TABLE "allot"."webhook_attempts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"status_code" integer,
	"response_excerpt" text,
	"error" text,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "allot"."webhook_endpoints" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"event_types" text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"secret_hint" text NOT NULL,
	"secret_rotated_at" timestamp with time zone,
	"previous_secret_ciphertext" text,
	"previous_secret_expires_at" timestamp with time zone,
	"created_by_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "webhook_endpoints_url_http" CHECK ("allot"."webhook_endpoints"."url" ~* '^https?://'),
	CONSTRAINT "webhook_endpoints_event_types_present" CHECK (cardinality("allot"."webhook_endpoints"."event_types") > 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."webhook_events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_events_pkey" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
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
ALTER TABLE "allot"."webhook_attempts" ADD CONSTRAINT "webhook_attempts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."webhook_attempts" ADD CONSTRAINT "webhook_attempts_endpoint_fkey" FOREIGN KEY ("org_id","endpoint_id") REFERENCES "allot"."webhook_endpoints"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."webhook_attempts" ADD CONSTRAINT "webhook_attempts_event_fkey" FOREIGN KEY ("org_id","event_id") REFERENCES "allot"."webhook_events"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_fkey" FOREIGN KEY ("org_id","created_by_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."webhook_events" ADD CONSTRAINT "webhook_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."member_invites" ADD CONSTRAINT "member_invites_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."member_invites" ADD CONSTRAINT "member_invites_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."member_invites" ADD CONSTRAINT "member_invites_member_fkey" FOREIGN KEY ("org_id","accepted_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."user_identities" ADD CONSTRAINT "user_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "allot"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_attempts_endpoint_idx" ON "allot"."webhook_attempts" USING btree ("org_id","endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_attempts_message_idx" ON "allot"."webhook_attempts" USING btree ("org_id","message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_dedupe_key" ON "allot"."webhook_events" USING btree ("org_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "member_invites_token_hash_key" ON "allot"."member_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "member_invites_open_email_key" ON "allot"."member_invites" USING btree ("org_id",lower("email")) WHERE "allot"."member_invites"."accepted_at" IS NULL AND "allot"."member_invites"."revoked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "member_invites_org_created_idx" ON "allot"."member_invites" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_identities_user_provider_key" ON "allot"."user_identities" USING btree ("user_id","provider");--> statement-breakpoint
CREATE INDEX "outbox_messages_webhook_recipient_idx" ON "allot"."outbox_messages" USING btree ("org_id","recipient","created_at") WHERE "allot"."outbox_messages"."channel" = 'webhook';