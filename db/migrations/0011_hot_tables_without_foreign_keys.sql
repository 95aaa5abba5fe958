-- Holds and idempotency answers are written on every call, like usage events: no foreign-key
-- triggers (see 0010). The rows they name are kept for ever instead; organisations join them.
ALTER TABLE "allot"."idempotency_keys" DROP CONSTRAINT "idempotency_keys_org_id_organizations_id_fk";--> statement-breakpoint
ALTER TABLE "allot"."reservations" DROP CONSTRAINT "reservations_org_id_organizations_id_fk";--> statement-breakpoint
ALTER TABLE "allot"."reservations" DROP CONSTRAINT "reservations_department_fkey";--> statement-breakpoint
ALTER TABLE "allot"."reservations" DROP CONSTRAINT "reservations_project_fkey";--> statement-breakpoint
ALTER TABLE "allot"."reservations" DROP CONSTRAINT "reservations_agent_fkey";--> statement-breakpoint
CREATE TRIGGER "organizations_never_deleted" BEFORE DELETE ON "allot"."organizations"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "organizations_no_truncate" BEFORE TRUNCATE ON "allot"."organizations"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_delete"();
