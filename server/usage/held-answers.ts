import { reservations } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { ReservationAnswer } from "./hold-requests";
import { rowsAnswering, type StoredAnswer } from "./idempotency";

/**
 * The stored answers of authorize idempotency keys. A hold is its own key's answer: the hold's
 * columns, plus the request's hash and the balance available after it — no separate answer row per
 * hold. Answers keep the shape and field order they were first given in.
 */
export async function findHeldAnswers(db: DbOrTx, orgId: string, keys: string[]): Promise<Map<string, StoredAnswer<ReservationAnswer>>> {
  const rows = await rowsAnswering<{ id: string; amount_micros: string; expires_at: string; available_after_micros: string | null }>(db, "reservations", orgId, keys);
  return new Map(
    rows.map((row) => {
      const answer: ReservationAnswer = {
        reservationId: row.id,
        heldMicros: Number(row.amount_micros),
        // Decoded as drizzle decodes the column (the driver leaves timestamps to it).
        expiresAt: (reservations.expiresAt.mapFromDriverValue(row.expires_at as never) as Date).toISOString(),
        availableAfterMicros: Number(row.available_after_micros),
        priceVersion: row.version,
      };
      // A hold written outside the API has no request hash: no request can replay it.
      return [row.idempotency_key, { requestHash: row.request_hash ?? "", response: answer }];
    }),
  );
}
