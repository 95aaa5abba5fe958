import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";

export type BudgetPeriod = "day" | "week" | "month" | "quarter" | "year" | "custom";

export interface PeriodBounds {
  start: Date;
  end: Date;
}

const PERIOD_LENGTH: Record<PeriodQuery["period"], string> = {
  day: "1 day",
  week: "7 days",
  month: "1 month",
  quarter: "3 months",
  year: "1 year",
};

export interface PeriodQuery {
  period: Exclude<BudgetPeriod, "custom">;
  at: Date;
}

/**
 * The calendar period containing each instant, in the organisation's time zone: [start, end).
 * Computed by PostgreSQL (date_trunc with a zone), so daylight-saving changes and the zone
 * database are the database's, like every other clock decision. Weeks start on Monday. The end is
 * the start of the next period, truncated too: where local midnight does not exist (clocks going
 * forward at 00:00, as in Santiago), a period starts at 01:00 and must not end an hour late.
 */
export async function calendarPeriods(db: DbOrTx, timeZone: string, queries: PeriodQuery[]): Promise<PeriodBounds[]> {
  if (queries.length === 0) return [];
  const rows = sql.join(
    queries.map((query, index) => sql`(${index}::int, ${query.period}::text, ${PERIOD_LENGTH[query.period]}::interval, ${query.at.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const result = await db.execute<{ i: number; start: string; end: string }>(sql`
    SELECT q.i, date_trunc(q.unit, q.at, ${timeZone}) AS start,
           date_trunc(q.unit, (date_trunc(q.unit, q.at, ${timeZone}) AT TIME ZONE ${timeZone} + q.length) AT TIME ZONE ${timeZone}, ${timeZone}) AS end
    FROM (VALUES ${rows}) AS q(i, unit, length, at)`);
  const bounds: PeriodBounds[] = [];
  for (const row of result) bounds[row.i] = { start: new Date(row.start), end: new Date(row.end) };
  return bounds;
}
