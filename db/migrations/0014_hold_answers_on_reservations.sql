-- A hold is its own idempotency key's answer, as an event is since 0012: the authorize's request
-- hash and what the answer said beyond the hold's columns (the balance available after it) move
-- onto the hold, and the table that kept holds' answers — nothing else is left in it — goes.
ALTER TABLE "allot"."reservations" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "allot"."reservations" ADD COLUMN "available_after_micros" bigint;--> statement-breakpoint
UPDATE "allot"."reservations" AS r SET
    "request_hash" = k."request_hash",
    "available_after_micros" = (k."response" ->> 'availableAfterMicros')::bigint
  FROM "allot"."idempotency_keys" AS k
  WHERE k."org_id" = r."org_id" AND k."namespace" = 'reservation' AND k."key" = r."idempotency_key";--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_idempotency_key" ON "allot"."reservations" USING btree ("idempotency_key","org_id");--> statement-breakpoint
DROP TABLE "allot"."idempotency_keys";
