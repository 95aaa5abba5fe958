import type { DbOrTx } from "../../db/transaction";
import { allotSchemaName, rawClient } from "../lib/raw-sql";
import type { SettleAnswer } from "./hold-requests";
import type { StoredAnswer } from "./idempotency";
import type { UsageAnswer } from "./usage-write";

/**
 * The stored answers of usage idempotency keys. A recorded or settled event is its own key's
 * answer: the event's columns, plus the request's hash and what only the answer said (the balance
 * after it; for a settle, what it gave back of its hold) — no separate answer row per event.
 * Answers keep the shape and field order they were first given in (record or settle).
 */
export async function findRecordedAnswers<T extends UsageAnswer>(db: DbOrTx, orgId: string, keys: string[]): Promise<Map<string, StoredAnswer<T>>> {
  if (keys.length === 0) return new Map();
  // On every usage call: a raw statement (server/lib/raw-sql.ts), one probe of the key's unique index
  // per key, whatever plan it is given (see findAnswers in idempotency.ts). The organisation is
  // compared as text so that no other index of the table — all of them lead with org_id — can serve
  // the lookup: without statistics, a generic plan took one of those and read the whole organisation.
  const sql = rawClient(db);
  const schema = sql(allotSchemaName);
  const rows = await sql<
    {
      idempotency_key: string;
      id: string;
      request_hash: string | null;
      cost_micros: string;
      charged_micros: string;
      price_version_id: string;
      version: number;
      balance_after_micros: string | null;
      reservation_id: string | null;
      released_micros: string | null;
    }[]
  >`
    SELECT e.idempotency_key, e.id, e.request_hash, e.cost_micros, e.charged_micros, e.price_version_id, v.version,
      e.balance_after_micros, e.reservation_id, e.released_micros
    FROM unnest((SELECT ${keys}::text[])) AS wanted(key)
    CROSS JOIN LATERAL (
      SELECT * FROM ${schema}.usage_events WHERE idempotency_key = wanted.key AND org_id::text = ${orgId} LIMIT 1
    ) AS e
    JOIN ${schema}.price_versions AS v ON v.org_id = e.org_id AND v.id = e.price_version_id`;
  return new Map(
    rows.map((row) => {
      const costMicros = Number(row.cost_micros);
      const chargedMicros = Number(row.charged_micros);
      const answer: UsageAnswer = {
        eventId: row.id,
        idempotencyKey: row.idempotency_key,
        costMicros,
        chargedMicros,
        priceVersion: row.version,
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
