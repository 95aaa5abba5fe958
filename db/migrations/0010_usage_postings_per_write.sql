-- One ledger posting per spending write instead of one per event: each event names the posting
-- that paid for it. Existing events are linked to their own postings before the old link goes.
ALTER TABLE "allot"."usage_events" ADD COLUMN "ledger_transaction_id" uuid;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" DISABLE TRIGGER "usage_events_append_only";--> statement-breakpoint
UPDATE "allot"."usage_events" AS u SET "ledger_transaction_id" = t."id"
  FROM "allot"."ledger_transactions" AS t
  WHERE t."org_id" = u."org_id" AND t."usage_event_id" = u."id";--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ENABLE TRIGGER "usage_events_append_only";--> statement-breakpoint
DROP INDEX "allot"."ledger_transactions_usage_event_idx";--> statement-breakpoint
ALTER TABLE "allot"."ledger_transactions" DROP COLUMN "usage_event_id";--> statement-breakpoint

-- usage_events loses its foreign-key triggers (they cost more than the rest of the insert). The
-- organisation is implied by the wallet the write locks; the rows the others named are kept for
-- ever instead: published price versions are immutable already, and departments, projects, agents
-- and API keys are archived or revoked, never deleted.
ALTER TABLE "allot"."usage_events" DROP CONSTRAINT "usage_events_org_id_organizations_id_fk";--> statement-breakpoint
ALTER TABLE "allot"."usage_events" DROP CONSTRAINT "usage_events_price_version_fkey";--> statement-breakpoint
ALTER TABLE "allot"."usage_events" DROP CONSTRAINT "usage_events_department_fkey";--> statement-breakpoint
ALTER TABLE "allot"."usage_events" DROP CONSTRAINT "usage_events_project_fkey";--> statement-breakpoint
ALTER TABLE "allot"."usage_events" DROP CONSTRAINT "usage_events_agent_fkey";--> statement-breakpoint
ALTER TABLE "allot"."usage_events" DROP CONSTRAINT "usage_events_api_key_fkey";--> statement-breakpoint
CREATE FUNCTION "allot"."refuse_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted (usage events name them): archive or revoke instead', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "departments_never_deleted" BEFORE DELETE ON "allot"."departments"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "departments_no_truncate" BEFORE TRUNCATE ON "allot"."departments"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "projects_never_deleted" BEFORE DELETE ON "allot"."projects"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "projects_no_truncate" BEFORE TRUNCATE ON "allot"."projects"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "agents_never_deleted" BEFORE DELETE ON "allot"."agents"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "agents_no_truncate" BEFORE TRUNCATE ON "allot"."agents"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "api_keys_never_deleted" BEFORE DELETE ON "allot"."api_keys"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "api_keys_no_truncate" BEFORE TRUNCATE ON "allot"."api_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_delete"();
