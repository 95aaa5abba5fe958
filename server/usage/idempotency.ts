import type { DbOrTx } from "../../db/transaction";
import { AppError } from "../lib/errors";
import { allotSchemaName, rawClient } from "../lib/raw-sql";

/**
 * Keys are scoped to the organisation and a namespace: "reservation" for holds. (A usage key's
 * answer is its event: server/usage/recorded-answers.ts.)
 */
export type IdempotencyNamespace = "reservation";

export interface StoredAnswer<T> {
  requestHash: string;
  response: T;
}

export async function findAnswers<T>(
  db: DbOrTx,
  orgId: string,
  namespace: IdempotencyNamespace,
  keys: string[],
): Promise<Map<string, StoredAnswer<T>>> {
  if (keys.length === 0) return new Map();
  // On every usage call: a raw statement (server/lib/raw-sql.ts). One index probe per key, whatever
  // the planner knows: with `key = ANY(…)`, the generic plan a prepared statement switches to after
  // five runs — made while the table had no statistics yet, as on a new deployment — read every key
  // of the organisation and filtered them, so each call cost more as the organisation grew. (Why the
  // list sits behind a scalar subquery: server/lib/raw-sql.ts.)
  const sql = rawClient(db);
  const rows = await sql<{ key: string; request_hash: string; response: unknown }[]>`
    SELECT wanted.key, stored.request_hash, stored.response FROM unnest((SELECT ${keys}::text[])) AS wanted(key)
    CROSS JOIN LATERAL (
      SELECT request_hash, response FROM ${sql(allotSchemaName)}.idempotency_keys
      WHERE org_id = ${orgId} AND namespace = ${namespace} AND key = wanted.key LIMIT 1
    ) AS stored`;
  return new Map(rows.map((row) => [row.key, { requestHash: row.request_hash, response: row.response as T }]));
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
