CREATE TYPE "allot"."alert_kind" AS ENUM('budget_threshold', 'low_balance');--> statement-breakpoint
CREATE TYPE "allot"."budget_mode" AS ENUM('alert', 'pause');--> statement-breakpoint
CREATE TYPE "allot"."budget_period" AS ENUM('day', 'week', 'month', 'quarter', 'year', 'custom');--> statement-breakpoint
CREATE TYPE "allot"."budget_scope" AS ENUM('organization', 'department', 'project', 'agent', 'user');--> statement-breakpoint
CREATE TYPE "allot"."outbox_channel" AS ENUM('email', 'webhook');--> statement-breakpoint
CREATE TYPE "allot"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "allot"."alerts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" "allot"."alert_kind" NOT NULL,
	"dedupe_key" text NOT NULL,
	"budget_id" uuid,
	"period_start" timestamp with time zone,
	"threshold_percent" integer,
	"spent_micros" bigint,
	"limit_micros" bigint,
	"available_micros" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_member_id" uuid,
	CONSTRAINT "alerts_pkey" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "allot"."budget_periods" (
	"org_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"spent_micros" bigint DEFAULT 0 NOT NULL,
	"held_micros" bigint DEFAULT 0 NOT NULL,
	"resumed_at" timestamp with time zone,
	"resumed_by_member_id" uuid,
	CONSTRAINT "budget_periods_pkey" PRIMARY KEY("org_id","budget_id","period_start"),
	CONSTRAINT "budget_periods_non_negative" CHECK ("allot"."budget_periods"."spent_micros" >= 0 AND "allot"."budget_periods"."held_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."budgets" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"scope" "allot"."budget_scope" NOT NULL,
	"department_id" uuid,
	"project_id" uuid,
	"agent_id" uuid,
	"user_ref" text,
	"period" "allot"."budget_period" NOT NULL,
	"window_start" timestamp with time zone,
	"window_end" timestamp with time zone,
	"limit_micros" bigint NOT NULL,
	"thresholds" integer[] DEFAULT '{50,75,90,100}'::integer[] NOT NULL,
	"mode" "allot"."budget_mode" DEFAULT 'alert' NOT NULL,
	"notify_roles" text[] DEFAULT '{admin}'::text[] NOT NULL,
	"notify_emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "budgets_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "budgets_limit_positive" CHECK ("allot"."budgets"."limit_micros" > 0),
	CONSTRAINT "budgets_scope_target" CHECK (("allot"."budgets"."scope" = 'organization' AND num_nonnulls("allot"."budgets"."department_id", "allot"."budgets"."project_id", "allot"."budgets"."agent_id", "allot"."budgets"."user_ref") = 0)
        OR ("allot"."budgets"."scope" = 'department' AND "allot"."budgets"."department_id" IS NOT NULL AND num_nonnulls("allot"."budgets"."project_id", "allot"."budgets"."agent_id", "allot"."budgets"."user_ref") = 0)
        OR ("allot"."budgets"."scope" = 'project' AND "allot"."budgets"."project_id" IS NOT NULL AND num_nonnulls("allot"."budgets"."department_id", "allot"."budgets"."agent_id", "allot"."budgets"."user_ref") = 0)
        OR ("allot"."budgets"."scope" = 'agent' AND "allot"."budgets"."agent_id" IS NOT NULL AND num_nonnulls("allot"."budgets"."department_id", "allot"."budgets"."project_id", "allot"."budgets"."user_ref") = 0)
        OR ("allot"."budgets"."scope" = 'user' AND "allot"."budgets"."user_ref" IS NOT NULL AND num_nonnulls("allot"."budgets"."department_id", "allot"."budgets"."project_id", "allot"."budgets"."agent_id") = 0)),
	CONSTRAINT "budgets_custom_window" CHECK (("allot"."budgets"."period" = 'custom') = ("allot"."budgets"."window_start" IS NOT NULL AND "allot"."budgets"."window_end" IS NOT NULL)
        AND ("allot"."budgets"."window_start" IS NULL OR "allot"."budgets"."window_end" > "allot"."budgets"."window_start")),
	CONSTRAINT "budgets_thresholds" CHECK (cardinality("allot"."budgets"."thresholds") BETWEEN 1 AND 10 AND 0 < ALL("allot"."budgets"."thresholds") AND 100 >= ALL("allot"."budgets"."thresholds"))
);
--> statement-breakpoint
CREATE TABLE "allot"."outbox_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"channel" "allot"."outbox_channel" NOT NULL,
	"dedupe_key" text NOT NULL,
	"template" text NOT NULL,
	"recipient" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "allot"."outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"leased_until" timestamp with time zone,
	"last_error" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_messages_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "outbox_messages_sent" CHECK (("allot"."outbox_messages"."status" = 'sent') = ("allot"."outbox_messages"."sent_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "allot"."organizations" ADD COLUMN "low_balance_threshold_micros" bigint;--> statement-breakpoint
ALTER TABLE "allot"."credit_wallets" ADD COLUMN "low_balance_alerted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "allot"."reservations" ADD COLUMN "budget_holds" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "allot"."alerts" ADD CONSTRAINT "alerts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."alerts" ADD CONSTRAINT "alerts_budget_fkey" FOREIGN KEY ("org_id","budget_id") REFERENCES "allot"."budgets"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."budget_periods" ADD CONSTRAINT "budget_periods_budget_fkey" FOREIGN KEY ("org_id","budget_id") REFERENCES "allot"."budgets"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."budgets" ADD CONSTRAINT "budgets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."budgets" ADD CONSTRAINT "budgets_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."budgets" ADD CONSTRAINT "budgets_project_fkey" FOREIGN KEY ("org_id","project_id") REFERENCES "allot"."projects"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."budgets" ADD CONSTRAINT "budgets_agent_fkey" FOREIGN KEY ("org_id","agent_id") REFERENCES "allot"."agents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."budgets" ADD CONSTRAINT "budgets_created_by_fkey" FOREIGN KEY ("org_id","created_by_member_id") REFERENCES "allot"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."outbox_messages" ADD CONSTRAINT "outbox_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_dedupe_key" ON "allot"."alerts" USING btree ("org_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "alerts_org_created_idx" ON "allot"."alerts" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "budgets_org_scope_idx" ON "allot"."budgets" USING btree ("org_id","scope") WHERE "allot"."budgets"."archived_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_dedupe_key" ON "allot"."outbox_messages" USING btree ("org_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_messages_due_idx" ON "allot"."outbox_messages" USING btree ("next_attempt_at") WHERE "allot"."outbox_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_messages_org_created_idx" ON "allot"."outbox_messages" USING btree ("org_id","created_at");