-- A hold is its own idempotency key's answer, as an event is since 0012: the authorize's request
-- hash and what the answer said beyond the hold's columns (the balance available after it) move
-- onto the hold, and the table that kept holds' answers — nothing else is left in it — goes.
-- Should it hold anything that would be lost (an answer that is not a hold's, or whose hold is
-- gone) or should two holds share a key, the migration stops and says so, changing nothing.
DO $$
DECLARE
  stray bigint;
  shared bigint;
BEGIN
  SELECT count(*) INTO stray FROM "allot"."idempotency_keys" AS k
    WHERE k."namespace" <> 'reservation' OR NOT EXISTS (
      SELECT 1 FROM "allot"."reservations" AS r WHERE r."org_id" = k."org_id" AND r."idempotency_key" = k."key");
  SELECT count(*) INTO shared FROM (
    SELECT 1 FROM "allot"."reservations" GROUP BY "org_id", "idempotency_key" HAVING count(*) > 1) AS d;
  IF stray > 0 OR shared > 0 THEN
    RAISE EXCEPTION 'cannot move hold answers onto holds: % answer(s) without a hold, % key(s) shared by holds', stray, shared
      USING HINT = 'see the idempotency_keys and reservations tables; nothing was changed';
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "allot"."reservations" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "allot"."reservations" ADD COLUMN "available_after_micros" bigint;--> statement-breakpoint
UPDATE "allot"."reservations" AS r SET
    "request_hash" = k."request_hash",
    "available_after_micros" = (k."response" ->> 'availableAfterMicros')::bigint
  FROM "allot"."idempotency_keys" AS k
  WHERE k."org_id" = r."org_id" AND k."namespace" = 'reservation' AND k."key" = r."idempotency_key";--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_idempotency_key" ON "allot"."reservations" USING btree ("idempotency_key","org_id");--> statement-breakpoint
DROP TABLE "allot"."idempotency_keys";
