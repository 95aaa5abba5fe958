import { sql } from "drizzle-orm";
import { usageRollupsDaily, usageRollupsHourly } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { dailyUpsert, hourlyUpsert } from "../usage/rollup-write";
import { eventsIn, rollupWindow, within, type RollupRange } from "./rollup-window";

/**
 * Recomputes an organisation's rollups over a range (all time by default) from its usage events:
 * the hours and days the range touches are deleted and rebuilt, under the wallet lock so no usage
 * lands in between. Idempotent; used after a time-zone change, by the benchmark, and to repair drift.
 */
export async function rebuildRollups(db: DbOrTx, orgId: string, range: RollupRange = {}): Promise<{ hourlyRows: number; dailyRows: number }> {
  return withTransaction(db, async (tx) => {
    const window = await rollupWindow(tx, orgId, range, true);
    const hourIso = [window.hourFrom?.toISOString() ?? null, window.hourTo?.toISOString() ?? null] as const;
    await tx.execute(sql`DELETE FROM ${usageRollupsHourly} WHERE org_id = ${orgId} AND ${within(sql`hour`, ...hourIso)}`);
    const hourly = await tx.execute(hourlyUpsert(eventsIn(orgId, window.hourFrom, window.hourTo)));
    await tx.execute(sql`DELETE FROM ${usageRollupsDaily} WHERE org_id = ${orgId} AND ${within(sql`day`, window.dayFrom, window.dayTo)}`);
    const daily = await tx.execute(dailyUpsert(eventsIn(orgId, window.startsAt, window.endsAt), window.timeZone));
    return { hourlyRows: hourly.count, dailyRows: daily.count };
  });
}

/** Rebuilds only the daily rollup, all time: what a new time zone changes (hours are UTC). Needs the wallet lock. */
export async function rebuildDailyRollups(tx: DbOrTx, orgId: string, timeZone: string): Promise<void> {
  await tx.execute(sql`DELETE FROM ${usageRollupsDaily} WHERE org_id = ${orgId}`);
  await tx.execute(dailyUpsert(eventsIn(orgId, null, null), timeZone));
}
