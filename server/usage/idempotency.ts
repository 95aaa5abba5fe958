import type { DbOrTx } from "../../db/transaction";
import { AppError } from "../lib/errors";
import { allotSchemaName, rawClient } from "../lib/raw-sql";

/**
 * The first answer given for an idempotency key, with the hash of the request that got it. Keys are
 * scoped to the organisation. Every key's answer is kept on the row it made: a usage key's on its
 * event (server/usage/recorded-answers.ts), a hold's on the hold (server/usage/held-answers.ts).
 */
export interface StoredAnswer<T> {
  requestHash: string;
  response: T;
}

/** A row that answers for its idempotency key, as the driver gives it (the columns the caller reads), with its price version's number. */
export type AnsweringRow<Columns> = Columns & { idempotency_key: string; request_hash: string | null; version: number | null };

/**
 * The rows of `table` made under the given keys. On every spending call: a raw statement
 * (server/lib/raw-sql.ts), one probe of the key's unique index per key, whatever plan it is given:
 * with `key = ANY(…)`, the generic plan a prepared statement switches to after five runs — made
 * while the table had no statistics yet, as on a new deployment — read every row of the
 * organisation and filtered them, so each call cost more as the organisation grew. The organisation
 * is compared as text so that no other index — all lead with org_id — can serve the lookup.
 */
export async function rowsAnswering<Columns>(
  db: DbOrTx,
  table: "usage_events" | "reservations",
  orgId: string,
  keys: string[],
): Promise<AnsweringRow<Columns>[]> {
  if (keys.length === 0) return [];
  const sql = rawClient(db);
  const schema = sql(allotSchemaName);
  return sql<AnsweringRow<Columns>[]>`
    SELECT x.*, v.version FROM unnest((SELECT ${keys}::text[])) AS wanted(key)
    CROSS JOIN LATERAL (
      SELECT * FROM ${schema}.${sql(table)} WHERE idempotency_key = wanted.key AND org_id::text = ${orgId} LIMIT 1
    ) AS x
    LEFT JOIN ${schema}.price_versions AS v ON v.org_id = x.org_id AND v.id = x.price_version_id`;
}

/** The stored answer for a retry with the same payload; a different payload under the key is refused. */
export function replayOrConflict<T>(stored: StoredAnswer<T>, requestHash: string, key: string, index?: number): T {
  if (stored.requestHash !== requestHash) {
    throw new AppError("IDEMPOTENCY_CONFLICT", `Idempotency key "${key}" was already used with a different payload`, {
      idempotencyKey: key,
      index,
    });
  }
  return stored.response;
}
