import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { LruMap } from "../lib/lru-map";

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
  // A period is a fact of the calendar: once the database has told us one, any instant inside it is answered here.
  const bounds = queries.map((query) => knownPeriod(timeZone, query));
  const unknown = queries.flatMap((query, i) => (bounds[i] ? [] : [{ query, i }]));
  if (unknown.length > 0) {
    const computed = await computePeriods(db, timeZone, unknown.map(({ query }) => query));
    for (const [j, { query, i }] of unknown.entries()) {
      bounds[i] = computed[j]!;
      remember(`${timeZone}|${query.period}`, computed[j]!);
    }
  }
  return bounds as PeriodBounds[];
}

/** The periods of `calendarPeriods` when every one is already known here (no database needed), else undefined. */
export function knownCalendarPeriods(timeZone: string, queries: PeriodQuery[]): PeriodBounds[] | undefined {
  const bounds = queries.map((query) => knownPeriod(timeZone, query));
  return bounds.every((period) => period !== undefined) ? (bounds as PeriodBounds[]) : undefined;
}

const knownPeriod = (timeZone: string, query: PeriodQuery) => knownPeriods.get(`${timeZone}|${query.period}`)?.find((known) => contains(known, query.at));

const PERIODS_PER_KIND = 8;
const knownPeriods = new LruMap<string, PeriodBounds[]>(1_000);
const contains = (period: PeriodBounds, at: Date) => period.start.getTime() <= at.getTime() && at.getTime() < period.end.getTime();

function remember(key: string, period: PeriodBounds): void {
  const list = knownPeriods.get(key) ?? [];
  if (list.some((known) => known.start.getTime() === period.start.getTime())) return;
  knownPeriods.set(key, [period, ...list].slice(0, PERIODS_PER_KIND));
}

async function computePeriods(db: DbOrTx, timeZone: string, queries: PeriodQuery[]): Promise<PeriodBounds[]> {
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
