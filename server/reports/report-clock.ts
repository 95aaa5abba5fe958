import { sql } from "drizzle-orm";
import { organizations } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { notFound } from "../lib/errors";

/** The database's clock as a report sees it: now, the organisation's zone, today there and how much of it has passed. */
export interface ReportClock {
  now: Date;
  timeZone: string;
  /** Today's date in the organisation's zone (YYYY-MM-DD). */
  today: string;
  /** Fraction of today already past, 0 ≤ e < 1. */
  todayElapsed: number;
}

export async function reportClock(db: DbOrTx, orgId: string): Promise<ReportClock> {
  const [row] = await db.execute<{ now: string; time_zone: string; today: string; elapsed: string }>(sql`
    SELECT now()::text AS now, time_zone, (now() AT TIME ZONE time_zone)::date::text AS today,
           (extract(epoch FROM (now() AT TIME ZONE time_zone) - (now() AT TIME ZONE time_zone)::date) / 86400)::text AS elapsed
    FROM ${organizations} WHERE id = ${orgId}`);
  if (!row) throw notFound("Organisation");
  return { now: new Date(row.now), timeZone: row.time_zone, today: row.today, todayElapsed: Math.min(0.999999, Number(row.elapsed)) };
}

/** A calendar date `days` after `date` (YYYY-MM-DD; calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The calendar date of an instant in a zone (YYYY-MM-DD). */
export function dateIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
