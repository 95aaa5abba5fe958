import { reservations } from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import { rowOf } from "../lib/driver-rows";
import { allotSchemaName, rawClient } from "../lib/raw-sql";

/** A hold a group locked, with where its row is (see Resolution in hold-writes.ts). */
export type LockedReservation = typeof reservations.$inferSelect & { rowAddress: string };

/**
 * Locks the holds a group settles or releases, and reads them. One text however many holds,
 * prepared once per connection; one index probe per hold whatever the planner knows (see
 * rowsAnswering in idempotency.ts for why not `id = ANY(…)`, and server/lib/raw-sql.ts for the scalar
 * subqueries). Needs the wallet lock.
 */
export function lockReservations(tx: Transaction, orgId: string, ids: string[]): Promise<LockedReservation[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const raw = rawClient(tx);
  return raw<Record<string, unknown>[]>`
    SELECT r.* FROM unnest((SELECT ${ids}::uuid[])) AS wanted(id)
    CROSS JOIN LATERAL (
      SELECT *, ctid::text AS row_address FROM ${raw(allotSchemaName)}.reservations WHERE org_id = (SELECT ${orgId}::uuid) AND id = wanted.id LIMIT 1 FOR UPDATE
    ) AS r`.then((rows) => rows.map((row) => ({ ...rowOf(reservations, row), rowAddress: String(row.row_address) })));
}
