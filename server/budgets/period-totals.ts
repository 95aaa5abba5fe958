import type { DbOrTx } from "../../db/transaction";
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

/**
 * The stored totals of the given budgets' periods starting at any of `starts` (a period nobody has
 * spent in yet has no row). Read on every spend a budget counts and every status call: a raw,
 * prepared statement (server/lib/raw-sql.ts), one round trip.
 */
export async function readPeriodTotals(db: DbOrTx, orgId: string, budgetIds: string[], starts: Date[]): Promise<PeriodTotals[]> {
  if (budgetIds.length === 0 || starts.length === 0) return [];
  const raw = rawClient(db);
  // One index probe per budget and start, whatever the planner knows (see findAnswers in server/usage/idempotency.ts),
  // planned once per connection (the lists behind scalar subqueries: server/lib/raw-sql.ts).
  const rows = await raw<{ budget_id: string; period_start: string; period_end: string; spent_micros: string; held_micros: string; resumed_at: string | null }[]>`
    SELECT p.budget_id, p.period_start, p.period_end, p.spent_micros, p.held_micros, p.resumed_at
    FROM unnest((SELECT ${[...new Set(budgetIds)]}::text[]::uuid[])) AS budget(id)
    CROSS JOIN unnest((SELECT ${[...new Set(starts.map((start) => start.toISOString()))]}::text[]::timestamptz[])) AS start(at)
    CROSS JOIN LATERAL (
      SELECT * FROM ${raw(allotSchemaName)}.budget_periods
      WHERE org_id = ${orgId} AND budget_id = budget.id AND period_start = start.at LIMIT 1
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
