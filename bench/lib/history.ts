import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { authenticateApiKey } from "../../server/api-keys/api-keys";
import { recordUsage } from "../../server/usage/record-usage";
import { authorizeReservation, settleReservation } from "../../server/usage/reservations";
import { benchEvent, createBenchOrg } from "./setup";

/** Holds settled, and events recorded besides theirs, before the app starts. */
export const HISTORY_HOLDS = 3_000;
export const HISTORY_EVENTS = 3_000;
const CONCURRENT = 16;

/**
 * Gives the fresh database a history and its statistics before the measured server plans anything:
 * an organisation of its own with settled holds and recorded events, then ANALYZE — the state
 * autovacuum leaves a deployment in after its first minute. Without it every table starts empty,
 * and a prepared statement keeps the generic plan it was given on a table of a page or two until
 * the table's first ANALYZE: settling a group of holds then read every hold ever made (a sequential
 * scan for rows addressed by their ctid), growing through the whole phase (docs/performance.md).
 */
export async function seedHistory(db: Database): Promise<void> {
  const org = await createBenchOrg(db, "history", 3);
  const principal = (await authenticateApiKey(db, org.apiKey))!;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      for (let i = next++; i < HISTORY_HOLDS; i = next++) {
        const { idempotencyKey: _unused, ...action } = benchEvent(`history-hold-${i}`);
        const hold = await authorizeReservation(db, principal, { ...action, idempotencyKey: `history-hold-${i}`, ttlSeconds: 600 });
        await settleReservation(db, principal, { ...action, reservationId: hold.reservationId });
      }
    }),
  );
  for (let start = 0; start < HISTORY_EVENTS; start += 500) {
    await recordUsage(db, principal, Array.from({ length: 500 }, (_, i) => benchEvent(`history-event-${start + i}`)));
  }
  await db.execute(sql`ANALYZE`);
}
