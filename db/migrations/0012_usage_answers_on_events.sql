-- A usage event is its own idempotency key's answer: the request's hash and what the answer said
-- beyond the event's columns move onto the event, and the separate answer rows go.
ALTER TABLE "allot"."usage_events" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ADD COLUMN "balance_after_micros" bigint;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ADD COLUMN "released_micros" bigint;--> statement-breakpoint
ALTER TABLE "allot"."usage_events" DISABLE TRIGGER "usage_events_append_only";--> statement-breakpoint
UPDATE "allot"."usage_events" AS u SET
    "request_hash" = k."request_hash",
    "balance_after_micros" = (k."response" ->> 'balanceAfterMicros')::bigint,
    "released_micros" = (k."response" ->> 'releasedMicros')::bigint
  FROM "allot"."idempotency_keys" AS k
  WHERE k."org_id" = u."org_id" AND k."namespace" = 'usage' AND k."key" = u."idempotency_key";--> statement-breakpoint
ALTER TABLE "allot"."usage_events" ENABLE TRIGGER "usage_events_append_only";--> statement-breakpoint
DELETE FROM "allot"."idempotency_keys" AS k
  WHERE k."namespace" = 'usage' AND EXISTS (
    SELECT 1 FROM "allot"."usage_events" AS u WHERE u."org_id" = k."org_id" AND u."idempotency_key" = k."key");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_events_idempotency_key" ON "allot"."usage_events" USING btree ("idempotency_key","org_id");
