CREATE TABLE "allot"."usage_rollups_daily" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"department_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"project_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"agent_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"user_ref" text DEFAULT '' NOT NULL,
	"kind" "allot"."usage_kind" NOT NULL,
	"item" text NOT NULL,
	"task_type" text DEFAULT '' NOT NULL,
	"workflow" text DEFAULT '' NOT NULL,
	"events" bigint NOT NULL,
	"cost_micros" bigint NOT NULL,
	"charged_micros" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"cache_write_tokens" bigint NOT NULL,
	"quantity_micros" bigint NOT NULL,
	CONSTRAINT "usage_rollups_daily_pkey" PRIMARY KEY("org_id","day","department_id","project_id","agent_id","user_ref","kind","item","task_type","workflow")
);
--> statement-breakpoint
CREATE TABLE "allot"."usage_rollups_hourly" (
	"org_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"department_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"project_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"agent_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"user_ref" text DEFAULT '' NOT NULL,
	"kind" "allot"."usage_kind" NOT NULL,
	"item" text NOT NULL,
	"task_type" text DEFAULT '' NOT NULL,
	"workflow" text DEFAULT '' NOT NULL,
	"events" bigint NOT NULL,
	"cost_micros" bigint NOT NULL,
	"charged_micros" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"cache_write_tokens" bigint NOT NULL,
	"quantity_micros" bigint NOT NULL,
	CONSTRAINT "usage_rollups_hourly_pkey" PRIMARY KEY("org_id","hour","department_id","project_id","agent_id","user_ref","kind","item","task_type","workflow")
);
--> statement-breakpoint
ALTER TABLE "allot"."usage_rollups_daily" ADD CONSTRAINT "usage_rollups_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allot"."usage_rollups_hourly" ADD CONSTRAINT "usage_rollups_hourly_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "allot"."organizations"("id") ON DELETE no action ON UPDATE no action;