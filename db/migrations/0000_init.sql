CREATE TYPE "allot"."member_role" AS ENUM('admin', 'finance', 'department_head', 'member');--> statement-breakpoint
CREATE TYPE "allot"."price_version_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "allot"."grant_kind" AS ENUM('starter', 'purchase', 'promotion', 'adjustment');--> statement-breakpoint
CREATE TYPE "allot"."ledger_account_kind" AS ENUM('grant', 'issuance', 'consumption', 'expiration', 'adjustment');--> statement-breakpoint
CREATE TYPE "allot"."ledger_transaction_kind" AS ENUM('grant', 'usage', 'expiry', 'adjustment', 'reversal');--> statement-breakpoint
CREATE TYPE "allot"."reservation_status" AS ENUM('active', 'settled', 'released', 'expired');--> statement-breakpoint
CREATE TYPE "allot"."usage_kind" AS ENUM('model', 'operation');--> statement-breakpoint
CREATE TABLE "allot"."agents" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"project_id" uuid,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "agents_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "agents_slug_format" CHECK ("allot"."agents"."slug" ~ '^[a-z0-9][a-z0-9._-]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "allot"."department_heads" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	CONSTRAINT "department_heads_pkey" PRIMARY KEY("org_id","member_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "allot"."departments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "departments_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "departments_slug_format" CHECK ("allot"."departments"."slug" ~ '^[a-z0-9][a-z0-9._-]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "allot"."members" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "allot"."member_role" DEFAULT 'member' NOT NULL,
	"department_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "members_pkey" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "allot"."organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"credit_price_minor_per_million" bigint DEFAULT 1000000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_format" CHECK ("allot"."organizations"."slug" ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	CONSTRAINT "organizations_currency_format" CHECK ("allot"."organizations"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "organizations_credit_price_positive" CHECK ("allot"."organizations"."credit_price_minor_per_million" > 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."projects" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "projects_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "projects_slug_format" CHECK ("allot"."projects"."slug" ~ '^[a-z0-9][a-z0-9._-]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "allot"."users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allot"."api_keys" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"department_id" uuid,
	"created_by_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "api_keys_scopes_known" CHECK ("allot"."api_keys"."scopes" <@ ARRAY['usage:write','usage:read','pricing:read','reports:read','purchases:write']::text[] AND cardinality("allot"."api_keys"."scopes") > 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."model_prices" (
	"org_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"model" text NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"mode" text DEFAULT 'chat' NOT NULL,
	"input_micros_per_million_tokens" bigint NOT NULL,
	"output_micros_per_million_tokens" bigint NOT NULL,
	"cached_input_micros_per_million_tokens" bigint,
	"cache_write_micros_per_million_tokens" bigint,
	CONSTRAINT "model_prices_pkey" PRIMARY KEY("org_id","version_id","model"),
	CONSTRAINT "model_prices_non_negative" CHECK ("allot"."model_prices"."input_micros_per_million_tokens" >= 0 AND "allot"."model_prices"."output_micros_per_million_tokens" >= 0
        AND coalesce("allot"."model_prices"."cached_input_micros_per_million_tokens", 0) >= 0 AND coalesce("allot"."model_prices"."cache_write_micros_per_million_tokens", 0) >= 0),
	CONSTRAINT "model_prices_model_format" CHECK (length("allot"."model_prices"."model") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE "allot"."operation_prices" (
	"org_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"unit" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"micros_per_unit" bigint NOT NULL,
	CONSTRAINT "operation_prices_pkey" PRIMARY KEY("org_id","version_id","operation"),
	CONSTRAINT "operation_prices_non_negative" CHECK ("allot"."operation_prices"."micros_per_unit" >= 0),
	CONSTRAINT "operation_prices_operation_format" CHECK ("allot"."operation_prices"."operation" ~ '^[a-z0-9][a-z0-9._-]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "allot"."price_versions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version" integer,
	"status" "allot"."price_version_status" DEFAULT 'draft' NOT NULL,
	"effective_from" timestamp with time zone,
	"published_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_by_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_versions_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "price_versions_published_complete" CHECK (("allot"."price_versions"."status" = 'draft' AND "allot"."price_versions"."version" IS NULL AND "allot"."price_versions"."effective_from" IS NULL)
        OR ("allot"."price_versions"."status" = 'published' AND "allot"."price_versions"."version" IS NOT NULL AND "allot"."price_versions"."effective_from" IS NOT NULL AND "allot"."price_versions"."published_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "allot"."credit_grants" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" "allot"."grant_kind" NOT NULL,
	"priority" integer NOT NULL,
	"amount_micros" bigint NOT NULL,
	"expires_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"memo" text DEFAULT '' NOT NULL,
	"source_ref" text,
	"created_by_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_grants_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "credit_grants_amount_positive" CHECK ("allot"."credit_grants"."amount_micros" > 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."credit_wallets" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"posted_micros" bigint DEFAULT 0 NOT NULL,
	"held_micros" bigint DEFAULT 0 NOT NULL,
	"next_expiry_at" timestamp with time zone,
	CONSTRAINT "credit_wallets_posted_non_negative" CHECK ("allot"."credit_wallets"."posted_micros" >= 0),
	CONSTRAINT "credit_wallets_held_non_negative" CHECK ("allot"."credit_wallets"."held_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."ledger_accounts" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "allot"."ledger_account_kind" NOT NULL,
	"balance_micros" bigint DEFAULT 0 NOT NULL,
	"floor_micros" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "ledger_accounts_floor" CHECK ("allot"."ledger_accounts"."floor_micros" IS NULL OR "allot"."ledger_accounts"."balance_micros" >= "allot"."ledger_accounts"."floor_micros"),
	CONSTRAINT "ledger_accounts_grants_bounded" CHECK ("allot"."ledger_accounts"."kind" <> 'grant' OR "allot"."ledger_accounts"."floor_micros" = 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."ledger_entries" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "allot"."ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"transaction_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount_micros" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "ledger_entries_amount_non_zero" CHECK ("allot"."ledger_entries"."amount_micros" <> 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."ledger_transactions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" "allot"."ledger_transaction_kind" NOT NULL,
	"usage_event_id" uuid,
	"grant_id" uuid,
	"memo" text DEFAULT '' NOT NULL,
	"actor_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_transactions_pkey" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "allot"."idempotency_keys" (
	"org_id" uuid NOT NULL,
	"namespace" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("org_id","namespace","key")
);
--> statement-breakpoint
CREATE TABLE "allot"."reservations" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" "allot"."reservation_status" DEFAULT 'active' NOT NULL,
	"amount_micros" bigint NOT NULL,
	"item" text,
	"price_version_id" uuid,
	"department_id" uuid,
	"project_id" uuid,
	"agent_id" uuid,
	"user_ref" text,
	"task_type" text,
	"workflow" text,
	"outcome_ref" text,
	"api_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"usage_event_id" uuid,
	CONSTRAINT "reservations_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "reservations_amount_positive" CHECK ("allot"."reservations"."amount_micros" > 0),
	CONSTRAINT "reservations_resolution" CHECK (("allot"."reservations"."status" = 'active') = ("allot"."reservations"."resolved_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "allot"."usage_events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" "allot"."usage_kind" NOT NULL,
	"item" text NOT NULL,
	"price_version_id" uuid NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cached_input_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_write_tokens" bigint DEFAULT 0 NOT NULL,
	"quantity_micros" bigint DEFAULT 0 NOT NULL,
	"cost_micros" bigint NOT NULL,
	"charged_micros" bigint NOT NULL,
	"department_id" uuid,
	"project_id" uuid,
	"agent_id" uuid,
	"user_ref" text,
	"task_type" text,
	"workflow" text,
	"outcome_ref" text,
	"reservation_id" uuid,
	"api_key_id" uuid,
	"metadata" jsonb,
	CONSTRAINT "usage_events_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "usage_events_amounts_non_negative" CHECK ("allot"."usage_events"."cost_micros" >= 0 AND "allot"."usage_events"."charged_micros" BETWEEN 0 AND "allot"."usage_events"."cost_micros"),
	CONSTRAINT "usage_events_counts_non_negative" CHECK ("allot"."usage_events"."input_tokens" >= 0 AND "allot"."usage_events"."output_tokens" >= 0 AND "allot"."usage_events"."cached_input_tokens" >= 0 AND "allot"."usage_events"."cache_write_tokens" >= 0 AND "allot"."usage_events"."quantity_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."audit_log" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "allot"."audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_pkey" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "allot"."agents" ADD CONSTRAINT "agents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."agents" ADD CONSTRAINT "agents_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."agents" ADD CONSTRAINT "agents_project_fkey" FOREIGN KEY ("org_id","project_id") REFERENCES "allot"."projects"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."department_heads" ADD CONSTRAINT "department_heads_member_fkey" FOREIGN KEY ("org_id","member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."department_heads" ADD CONSTRAINT "department_heads_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."departments" ADD CONSTRAINT "departments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."members" ADD CONSTRAINT "members_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."members" ADD CONSTRAINT "members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "allot"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."members" ADD CONSTRAINT "members_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."projects" ADD CONSTRAINT "projects_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."projects" ADD CONSTRAINT "projects_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."api_keys" ADD CONSTRAINT "api_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."api_keys" ADD CONSTRAINT "api_keys_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."api_keys" ADD CONSTRAINT "api_keys_created_by_fkey" FOREIGN KEY ("org_id","created_by_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."model_prices" ADD CONSTRAINT "model_prices_version_fkey" FOREIGN KEY ("org_id","version_id") REFERENCES "allot"."price_versions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."operation_prices" ADD CONSTRAINT "operation_prices_version_fkey" FOREIGN KEY ("org_id","version_id") REFERENCES "allot"."price_versions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."price_versions" ADD CONSTRAINT "price_versions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."price_versions" ADD CONSTRAINT "price_versions_created_by_fkey" FOREIGN KEY ("org_id","created_by_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."credit_grants" ADD CONSTRAINT "credit_grants_account_fkey" FOREIGN KEY ("org_id","id") REFERENCES "allot"."ledger_accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."credit_grants" ADD CONSTRAINT "credit_grants_created_by_fkey" FOREIGN KEY ("org_id","created_by_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."credit_wallets" ADD CONSTRAINT "credit_wallets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."ledger_accounts" ADD CONSTRAINT "ledger_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."ledger_entries" ADD CONSTRAINT "ledger_entries_transaction_fkey" FOREIGN KEY ("org_id","transaction_id") REFERENCES "allot"."ledger_transactions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."ledger_entries" ADD CONSTRAINT "ledger_entries_account_fkey" FOREIGN KEY ("org_id","account_id") REFERENCES "allot"."ledger_accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."ledger_transactions" ADD CONSTRAINT "ledger_transactions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."idempotency_keys" ADD CONSTRAINT "idempotency_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."reservations" ADD CONSTRAINT "reservations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."reservations" ADD CONSTRAINT "reservations_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."reservations" ADD CONSTRAINT "reservations_project_fkey" FOREIGN KEY ("org_id","project_id") REFERENCES "allot"."projects"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."reservations" ADD CONSTRAINT "reservations_agent_fkey" FOREIGN KEY ("org_id","agent_id") REFERENCES "allot"."agents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ADD CONSTRAINT "usage_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ADD CONSTRAINT "usage_events_price_version_fkey" FOREIGN KEY ("org_id","price_version_id") REFERENCES "allot"."price_versions"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ADD CONSTRAINT "usage_events_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ADD CONSTRAINT "usage_events_project_fkey" FOREIGN KEY ("org_id","project_id") REFERENCES "allot"."projects"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ADD CONSTRAINT "usage_events_agent_fkey" FOREIGN KEY ("org_id","agent_id") REFERENCES "allot"."agents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ADD CONSTRAINT "usage_events_api_key_fkey" FOREIGN KEY ("org_id","api_key_id") REFERENCES "allot"."api_keys"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."audit_log" ADD CONSTRAINT "audit_log_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agents_org_slug_key" ON "allot"."agents" USING btree ("org_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_org_slug_key" ON "allot"."departments" USING btree ("org_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "members_org_user_key" ON "allot"."members" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "members_user_idx" ON "allot"."members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_slug_key" ON "allot"."organizations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_org_slug_key" ON "allot"."projects" USING btree ("org_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "allot"."users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "allot"."api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "api_keys_org_created_idx" ON "allot"."api_keys" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "price_versions_org_version_key" ON "allot"."price_versions" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "price_versions_org_effective_idx" ON "allot"."price_versions" USING btree ("org_id","effective_from");--> statement-breakpoint
CREATE INDEX "credit_grants_open_idx" ON "allot"."credit_grants" USING btree ("org_id","priority","expires_at","created_at") WHERE "allot"."credit_grants"."expired_at" IS NULL;--> statement-breakpoint
CREATE INDEX "ledger_accounts_org_kind_idx" ON "allot"."ledger_accounts" USING btree ("org_id","kind");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "allot"."ledger_entries" USING btree ("org_id","account_id","id");--> statement-breakpoint
CREATE INDEX "ledger_entries_transaction_idx" ON "allot"."ledger_entries" USING btree ("org_id","transaction_id");--> statement-breakpoint
CREATE INDEX "ledger_transactions_org_created_idx" ON "allot"."ledger_transactions" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_transactions_usage_event_idx" ON "allot"."ledger_transactions" USING btree ("org_id","usage_event_id") WHERE "allot"."ledger_transactions"."usage_event_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ledger_transactions_grant_idx" ON "allot"."ledger_transactions" USING btree ("org_id","grant_id") WHERE "allot"."ledger_transactions"."grant_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "reservations_active_expiry_idx" ON "allot"."reservations" USING btree ("org_id","expires_at") WHERE "allot"."reservations"."status" = 'active';--> statement-breakpoint
CREATE INDEX "reservations_due_idx" ON "allot"."reservations" USING btree ("expires_at") WHERE "allot"."reservations"."status" = 'active';--> statement-breakpoint
CREATE INDEX "usage_events_org_occurred_idx" ON "allot"."usage_events" USING btree ("org_id","occurred_at");--> statement-breakpoint
CREATE INDEX "usage_events_org_recorded_idx" ON "allot"."usage_events" USING btree ("org_id","recorded_at");--> statement-breakpoint
CREATE INDEX "usage_events_org_agent_idx" ON "allot"."usage_events" USING btree ("org_id","agent_id","occurred_at");--> statement-breakpoint
CREATE INDEX "usage_events_org_department_idx" ON "allot"."usage_events" USING btree ("org_id","department_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "allot"."audit_log" USING btree ("org_id","target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_log_org_created_idx" ON "allot"."audit_log" USING btree ("org_id","created_at");