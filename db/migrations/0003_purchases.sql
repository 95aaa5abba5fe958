CREATE TYPE "allot"."invoice_status" AS ENUM('issued', 'paid', 'void');--> statement-breakpoint
CREATE TYPE "allot"."purchase_approval_decision" AS ENUM('approved', 'rejected');--> statement-breakpoint
CREATE TYPE "allot"."purchase_source" AS ENUM('request', 'auto_top_up');--> statement-breakpoint
CREATE TYPE "allot"."purchase_status" AS ENUM('pending_approval', 'awaiting_payment', 'paid', 'rejected', 'expired', 'cancelled');--> statement-breakpoint
CREATE TABLE "allot"."invoice_counters" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_sequence" integer NOT NULL,
	CONSTRAINT "invoice_counters_pkey" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "allot"."invoices" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"purchase_id" uuid NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"status" "allot"."invoice_status" DEFAULT 'issued' NOT NULL,
	"currency" text NOT NULL,
	"lines" jsonb NOT NULL,
	"tax_rate_bps" integer NOT NULL,
	"tax_exact" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_by_member_id" uuid,
	"payment_reference" text,
	"voided_at" timestamp with time zone,
	CONSTRAINT "invoices_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "invoices_sequence_positive" CHECK ("allot"."invoices"."sequence" > 0),
	CONSTRAINT "invoices_paid" CHECK (("allot"."invoices"."status" = 'paid') = ("allot"."invoices"."paid_at" IS NOT NULL) AND ("allot"."invoices"."status" = 'void') = ("allot"."invoices"."voided_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "allot"."purchase_approvals" (
	"org_id" uuid NOT NULL,
	"purchase_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"decision" "allot"."purchase_approval_decision" NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_approvals_pkey" PRIMARY KEY("org_id","purchase_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "allot"."purchase_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"volume_tiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"commitment_monthly_minimum_minor" bigint,
	"commitment_months" integer,
	"commitment_discount_bps" integer,
	"commitment_start_month" date,
	"annual_prepay_discount_bps" integer DEFAULT 0 NOT NULL,
	"tax_rate_bps" integer DEFAULT 0 NOT NULL,
	"approval_threshold_minor" bigint,
	"second_approval_threshold_minor" bigint,
	"approval_expiry_hours" integer DEFAULT 72 NOT NULL,
	"auto_top_up_enabled" boolean DEFAULT false NOT NULL,
	"auto_top_up_threshold_micros" bigint,
	"auto_top_up_block_micros" bigint,
	"auto_top_up_monthly_cap_minor" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_settings_commitment_complete" CHECK (num_nonnulls("allot"."purchase_settings"."commitment_monthly_minimum_minor", "allot"."purchase_settings"."commitment_months", "allot"."purchase_settings"."commitment_discount_bps", "allot"."purchase_settings"."commitment_start_month") IN (0, 4)),
	CONSTRAINT "purchase_settings_rates" CHECK ("allot"."purchase_settings"."annual_prepay_discount_bps" BETWEEN 0 AND 9999 AND "allot"."purchase_settings"."tax_rate_bps" BETWEEN 0 AND 10000
        AND ("allot"."purchase_settings"."commitment_discount_bps" IS NULL OR "allot"."purchase_settings"."commitment_discount_bps" BETWEEN 0 AND 9999)),
	CONSTRAINT "purchase_settings_thresholds" CHECK (("allot"."purchase_settings"."approval_threshold_minor" IS NULL OR "allot"."purchase_settings"."approval_threshold_minor" >= 0)
        AND ("allot"."purchase_settings"."second_approval_threshold_minor" IS NULL OR ("allot"."purchase_settings"."approval_threshold_minor" IS NOT NULL AND "allot"."purchase_settings"."second_approval_threshold_minor" >= "allot"."purchase_settings"."approval_threshold_minor"))
        AND "allot"."purchase_settings"."approval_expiry_hours" > 0),
	CONSTRAINT "purchase_settings_auto_top_up" CHECK (NOT "allot"."purchase_settings"."auto_top_up_enabled" OR ("allot"."purchase_settings"."auto_top_up_threshold_micros" >= 0 AND "allot"."purchase_settings"."auto_top_up_block_micros" > 0 AND "allot"."purchase_settings"."auto_top_up_monthly_cap_minor" >= 0))
);
--> statement-breakpoint
CREATE TABLE "allot"."purchases" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"source" "allot"."purchase_source" NOT NULL,
	"status" "allot"."purchase_status" NOT NULL,
	"requested_by_member_id" uuid,
	"api_key_id" uuid,
	"credits_micros" bigint NOT NULL,
	"annual_prepay" boolean DEFAULT false NOT NULL,
	"currency" text NOT NULL,
	"net_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"quote" jsonb NOT NULL,
	"required_approvals" integer NOT NULL,
	"payment_method" text DEFAULT 'invoice' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"grant_id" uuid,
	CONSTRAINT "purchases_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "purchases_amounts" CHECK ("allot"."purchases"."credits_micros" > 0 AND "allot"."purchases"."net_minor" >= 0 AND "allot"."purchases"."total_minor" >= "allot"."purchases"."net_minor"),
	CONSTRAINT "purchases_required_approvals" CHECK ("allot"."purchases"."required_approvals" BETWEEN 0 AND 2),
	CONSTRAINT "purchases_paid_has_grant" CHECK (("allot"."purchases"."status" = 'paid') = ("allot"."purchases"."grant_id" IS NOT NULL AND "allot"."purchases"."paid_at" IS NOT NULL)),
	CONSTRAINT "purchases_currency_format" CHECK ("allot"."purchases"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "allot"."invoice_counters" ADD CONSTRAINT "invoice_counters_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."invoices" ADD CONSTRAINT "invoices_purchase_fkey" FOREIGN KEY ("org_id","purchase_id") REFERENCES "allot"."purchases"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."invoices" ADD CONSTRAINT "invoices_paid_by_fkey" FOREIGN KEY ("org_id","paid_by_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."purchase_approvals" ADD CONSTRAINT "purchase_approvals_purchase_fkey" FOREIGN KEY ("org_id","purchase_id") REFERENCES "allot"."purchases"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."purchase_approvals" ADD CONSTRAINT "purchase_approvals_member_fkey" FOREIGN KEY ("org_id","member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."purchase_settings" ADD CONSTRAINT "purchase_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."purchases" ADD CONSTRAINT "purchases_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."purchases" ADD CONSTRAINT "purchases_requested_by_fkey" FOREIGN KEY ("org_id","requested_by_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."purchases" ADD CONSTRAINT "purchases_api_key_fkey" FOREIGN KEY ("org_id","api_key_id") REFERENCES "allot"."api_keys"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_number_key" ON "allot"."invoices" USING btree ("org_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_year_sequence_key" ON "allot"."invoices" USING btree ("org_id","year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_purchase_key" ON "allot"."invoices" USING btree ("org_id","purchase_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_org_idempotency_key" ON "allot"."purchases" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "purchases_org_created_idx" ON "allot"."purchases" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "purchases_org_pending_idx" ON "allot"."purchases" USING btree ("org_id","status") WHERE "allot"."purchases"."status" IN ('pending_approval', 'awaiting_payment');--> statement-breakpoint
CREATE INDEX "purchases_pending_expiry_idx" ON "allot"."purchases" USING btree ("expires_at") WHERE "allot"."purchases"."status" = 'pending_approval';--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_one_auto_top_up_in_flight" ON "allot"."purchases" USING btree ("org_id") WHERE "allot"."purchases"."source" = 'auto_top_up' AND "allot"."purchases"."status" IN ('pending_approval', 'awaiting_payment');