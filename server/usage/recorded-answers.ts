import type { DbOrTx } from "../../db/transaction";
import type { SettleAnswer } from "./hold-requests";
import { rowsAnswering, type StoredAnswer } from "./idempotency";
import type { UsageAnswer } from "./usage-write";

/**
 * The stored answers of usage idempotency keys. A recorded or settled event is its own key's
 * answer: the event's columns, plus the request's hash and what only the answer said (the balance
 * after it; for a settle, what it gave back of its hold) — no separate answer row per event.
 * Answers keep the shape and field order they were first given in (record or settle).
 */
export async function findRecordedAnswers<T extends UsageAnswer>(db: DbOrTx, orgId: string, keys: string[]): Promise<Map<string, StoredAnswer<T>>> {
  const rows = await rowsAnswering<{
    id: string;
    cost_micros: string;
    charged_micros: string;
    price_version_id: string;
    balance_after_micros: string | null;
    reservation_id: string | null;
    released_micros: string | null;
  }>(db, "usage_events", orgId, keys);
  return new Map(
    rows.map((row) => {
      const costMicros = Number(row.cost_micros);
      const chargedMicros = Number(row.charged_micros);
      const answer: UsageAnswer = {
        eventId: row.id,
        idempotencyKey: row.idempotency_key,
        costMicros,
        chargedMicros,
        priceVersion: row.version!,
        priceVersionId: row.price_version_id,
        balanceAfterMicros: Number(row.balance_after_micros),
      };
      const settled: SettleAnswer | undefined = row.reservation_id
        ? { ...answer, reservationId: row.reservation_id, releasedMicros: Number(row.released_micros), uncoveredMicros: costMicros - chargedMicros }
        : undefined;
      // An event written outside the API has no request hash: no request can replay it.
      return [row.idempotency_key, { requestHash: row.request_hash ?? "", response: (settled ?? answer) as T }];
    }),
  );
}
