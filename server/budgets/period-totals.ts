import { isTransaction, type DbOrTx } from "../../db/transaction";
import { coalescedReads } from "../lib/coalesced-reads";
import { allotSchemaName, rawClient } from "../lib/raw-sql";

/** A budget period's running totals, as stored. */
export interface PeriodTotals {
  budgetId: string;
  periodStart: Date;
  periodEnd: Date;
  spentMicros: number;
  heldMicros: number;
  resumedAt: Date | null;
}

/** A budget's period, by its start. */
export interface PeriodKey {
  budgetId: string;
  start: Date;
}

/** A period's key in maps: its budget and its start, to the millisecond. */
export const periodKeyOf = (budgetId: string, start: Date) => `${budgetId}|${start.getTime()}`;

/**
 * The stored totals of the given budget periods (a period nobody has spent in yet has no row). Read
 * on every spend a budget counts and every status call: a raw, prepared statement
 * (server/lib/raw-sql.ts), one round trip. Outside a transaction, the reads of one organisation that
 * arrive while another is in flight go together (`budgets.status` under load).
 */
export async function readPeriodTotals(db: DbOrTx, orgId: string, periods: PeriodKey[]): Promise<PeriodTotals[]> {
  if (periods.length === 0) return [];
  // A transaction reads on its own connection, in its own snapshot (its own writes included), often
  // pipelined behind its wallet lock: never queued behind a read of the pool.
  if (isTransaction(db)) return readTotals(db, orgId, periods);
  return readTogether(db, orgId, periods);
}

const readTogether = coalescedReads<PeriodKey[], PeriodTotals>({
  read: (db, orgId, asks) => readTotals(db, orgId, asks.flat()),
  answer: (periods, rows) => {
    const asked = new Set(periods.map((period) => periodKeyOf(period.budgetId, period.start)));
    return rows.filter((row) => asked.has(periodKeyOf(row.budgetId, row.periodStart)));
  },
  maxAsks: 64,
});

async function readTotals(db: DbOrTx, orgId: string, periods: PeriodKey[]): Promise<PeriodTotals[]> {
  const unique = [...new Map(periods.map((period) => [periodKeyOf(period.budgetId, period.start), period])).values()];
  const raw = rawClient(db);
  // One index probe per period, whatever the planner knows (see rowsAnswering in server/usage/idempotency.ts),
  // planned once per connection (the lists, and the organisation, behind scalar subqueries: server/lib/raw-sql.ts).
  const rows = await raw<{ budget_id: string; period_start: string; period_end: string; spent_micros: string; held_micros: string; resumed_at: string | null }[]>`
    SELECT p.budget_id, p.period_start, p.period_end, p.spent_micros, p.held_micros, p.resumed_at
    FROM unnest(
      (SELECT ${unique.map((period) => period.budgetId)}::text[]::uuid[]),
      (SELECT ${unique.map((period) => period.start.toISOString())}::text[]::timestamptz[])
    ) AS wanted(budget_id, start)
    CROSS JOIN LATERAL (
      SELECT * FROM ${raw(allotSchemaName)}.budget_periods
      WHERE org_id = (SELECT ${orgId}::uuid) AND budget_id = wanted.budget_id AND period_start = wanted.start LIMIT 1
    ) AS p`;
  return rows.map((row) => ({
    budgetId: row.budget_id,
    periodStart: new Date(row.period_start),
    periodEnd: new Date(row.period_end),
    spentMicros: Number(row.spent_micros),
    heldMicros: Number(row.held_micros),
    resumedAt: row.resumed_at === null ? null : new Date(row.resumed_at),
  }));
}
