-- The wallet knows when its organisation's soonest active hold expires (a lower bound), so a group
-- that makes a hold skips looking for due holds unless one may be due: that look was a scan whose
-- plan, made while the holds table was small, could read every hold the organisation ever made.
ALTER TABLE "allot"."credit_wallets" ADD COLUMN "next_hold_expiry_at" timestamp with time zone;--> statement-breakpoint
UPDATE "allot"."credit_wallets" AS w SET "next_hold_expiry_at" = (
    SELECT min(r."expires_at") FROM "allot"."reservations" AS r WHERE r."org_id" = w."org_id" AND r."status" = 'active');
