CREATE TYPE "allot"."outcome_source" AS ENUM('api', 'manual');--> statement-breakpoint
CREATE TABLE "allot"."outcome_metrics" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"value_per_unit_minor" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "outcome_metrics_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "outcome_metrics_slug_format" CHECK ("allot"."outcome_metrics"."slug" ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
	CONSTRAINT "outcome_metrics_value_non_negative" CHECK ("allot"."outcome_metrics"."value_per_unit_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "allot"."outcome_records" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"metric_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"agent_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"quantity_micros" bigint NOT NULL,
	"value_per_unit_minor" bigint NOT NULL,
	"source" "allot"."outcome_source" NOT NULL,
	"api_key_id" uuid,
	"member_id" uuid,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_records_pkey" PRIMARY KEY("org_id","id"),
	CONSTRAINT "outcome_records_quantity_positive" CHECK ("allot"."outcome_records"."quantity_micros" > 0),
	CONSTRAINT "outcome_records_value_non_negative" CHECK ("allot"."outcome_records"."value_per_unit_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "allot"."outcome_metrics" ADD CONSTRAINT "outcome_metrics_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."outcome_metrics" ADD CONSTRAINT "outcome_metrics_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."outcome_records" ADD CONSTRAINT "outcome_records_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."outcome_records" ADD CONSTRAINT "outcome_records_metric_fkey" FOREIGN KEY ("org_id","metric_id") REFERENCES "allot"."outcome_metrics"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."outcome_records" ADD CONSTRAINT "outcome_records_department_fkey" FOREIGN KEY ("org_id","department_id") REFERENCES "allot"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."outcome_records" ADD CONSTRAINT "outcome_records_agent_fkey" FOREIGN KEY ("org_id","agent_id") REFERENCES "allot"."agents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_metrics_org_slug_key" ON "allot"."outcome_metrics" USING btree ("org_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_records_org_key_key" ON "allot"."outcome_records" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "outcome_records_org_department_idx" ON "allot"."outcome_records" USING btree ("org_id","department_id","occurred_at");