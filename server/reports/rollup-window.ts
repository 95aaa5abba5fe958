import { sql, type SQL } from "drizzle-orm";
import { creditWallets, organizations, usageEvents } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { notFound } from "../lib/errors";
import { ROLLUP_SOURCE_COLUMNS } from "../usage/rollup-write";

/** An instant range [from, to); either end open. Rebuilds and checks widen it to whole days and hours. */
export interface RollupRange {
  from?: Date;
  to?: Date;
}

/**
 * What a range covers in each rollup: the days (in the organisation's zone) containing it, the
 * instants those days span, the UTC hours covering those instants, and the weeks (Monday to
 * Sunday, in the zone) containing those days, with the instants they span. Null bounds are open.
 */
export interface RollupWindow {
  timeZone: string;
  dayFrom: string | null;
  dayTo: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  hourFrom: Date | null;
  hourTo: Date | null;
  weekFrom: string | null;
  weekTo: string | null;
  weekStartsAt: Date | null;
  weekEndsAt: Date | null;
}

/**
 * Reads the organisation's zone and the window of `range`, computed by PostgreSQL (one clock, one
 * zone database). With `lock`, takes the wallet lock first, so no usage is written meanwhile.
 */
export async function rollupWindow(tx: DbOrTx, orgId: string, range: RollupRange, lock = false): Promise<RollupWindow> {
  const from = range.from?.toISOString() ?? null;
  const to = range.to?.toISOString() ?? null;
  const [row] = await tx.execute<{
    time_zone: string;
    day_from: string | null;
    day_to: string | null;
    starts_at: string | null;
    ends_at: string | null;
    hour_from: string | null;
    hour_to: string | null;
    week_from: string | null;
    week_to: string | null;
    week_starts_at: string | null;
    week_ends_at: string | null;
  }>(sql`
    WITH o AS (
      SELECT o.time_zone,
             (${from}::timestamptz AT TIME ZONE o.time_zone)::date AS day_from,
             ((${to}::timestamptz - interval '1 microsecond') AT TIME ZONE o.time_zone)::date + 1 AS day_to
      FROM ${organizations} o JOIN ${creditWallets} w ON w.org_id = o.id
      WHERE o.id = ${orgId} ${lock ? sql`FOR UPDATE OF w` : sql``}
    ), w AS (
      SELECT *, date_trunc('week', day_from)::date AS week_from, (date_trunc('week', day_to - 1) + interval '7 days')::date AS week_to FROM o
    ), b AS (
      SELECT *, day_from::timestamp AT TIME ZONE time_zone AS starts_at, day_to::timestamp AT TIME ZONE time_zone AS ends_at,
             week_from::timestamp AT TIME ZONE time_zone AS week_starts_at, week_to::timestamp AT TIME ZONE time_zone AS week_ends_at FROM w
    )
    SELECT time_zone, day_from::text, day_to::text, starts_at::text, ends_at::text,
           date_trunc('hour', starts_at, 'UTC')::text AS hour_from,
           (date_trunc('hour', ends_at - interval '1 microsecond', 'UTC') + interval '1 hour')::text AS hour_to,
           week_from::text, week_to::text, week_starts_at::text, week_ends_at::text
    FROM b`);
  if (!row) throw notFound("Organisation", { orgId });
  const instant = (value: string | null) => (value === null ? null : new Date(value));
  return {
    timeZone: row.time_zone,
    dayFrom: row.day_from,
    dayTo: row.day_to,
    startsAt: instant(row.starts_at),
    endsAt: instant(row.ends_at),
    hourFrom: instant(row.hour_from),
    hourTo: instant(row.hour_to),
    weekFrom: row.week_from,
    weekTo: row.week_to,
    weekStartsAt: instant(row.week_starts_at),
    weekEndsAt: instant(row.week_ends_at),
  };
}

/** `column` within [from, to), each end open when null. */
export function within(column: SQL, from: unknown, to: unknown): SQL {
  return sql`${from === null ? sql`true` : sql`${column} >= ${from}`} AND ${to === null ? sql`true` : sql`${column} < ${to}`}`;
}

/** The organisation's usage events occurring in [from, to), as a relation the rollup statements read. */
export function eventsIn(orgId: string, from: Date | null, to: Date | null): SQL {
  return sql`(SELECT ${ROLLUP_SOURCE_COLUMNS} FROM ${usageEvents}
    WHERE org_id = ${orgId} AND ${within(sql`occurred_at`, from?.toISOString() ?? null, to?.toISOString() ?? null)}) AS e`;
}
