import { sql } from "drizzle-orm";
import { modelCostHistogramDaily, modelCostHistogramWeekly, usageRollupsDaily, usageRollupsHourly } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { dailyHistogramUpsert, dailyUpsert, hourlyUpsert, weeklyHistogramUpsert } from "../usage/rollup-write";
import { eventsIn, rollupWindow, within, type RollupRange } from "./rollup-window";

/**
 * Recomputes an organisation's rollups over a range (all time by default) from its usage events:
 * the hours, days and weeks the range touches are deleted and rebuilt, under the wallet lock so no usage
 * lands in between. Idempotent; used after a time-zone change, by the benchmark, and to repair drift.
 */
export async function rebuildRollups(
  db: DbOrTx,
  orgId: string,
  range: RollupRange = {},
): Promise<{ hourlyRows: number; dailyRows: number; histogramRows: number }> {
  return withTransaction(db, async (tx) => {
    const window = await rollupWindow(tx, orgId, range, true);
    const hourIso = [window.hourFrom?.toISOString() ?? null, window.hourTo?.toISOString() ?? null] as const;
    await tx.execute(sql`DELETE FROM ${usageRollupsHourly} WHERE org_id = ${orgId} AND ${within(sql`hour`, ...hourIso)}`);
    const hourly = await tx.execute(hourlyUpsert(eventsIn(orgId, window.hourFrom, window.hourTo)));
    await tx.execute(sql`DELETE FROM ${usageRollupsDaily} WHERE org_id = ${orgId} AND ${within(sql`day`, window.dayFrom, window.dayTo)}`);
    const daily = await tx.execute(dailyUpsert(eventsIn(orgId, window.startsAt, window.endsAt), window.timeZone));
    await tx.execute(sql`DELETE FROM ${modelCostHistogramDaily} WHERE org_id = ${orgId} AND ${within(sql`day`, window.dayFrom, window.dayTo)}`);
    const dailyHistogram = await tx.execute(dailyHistogramUpsert(eventsIn(orgId, window.startsAt, window.endsAt), window.timeZone));
    await tx.execute(sql`DELETE FROM ${modelCostHistogramWeekly} WHERE org_id = ${orgId} AND ${within(sql`week`, window.weekFrom, window.weekTo)}`);
    const weeklyHistogram = await tx.execute(weeklyHistogramUpsert(eventsIn(orgId, window.weekStartsAt, window.weekEndsAt), window.timeZone));
    return { hourlyRows: hourly.count, dailyRows: daily.count, histogramRows: dailyHistogram.count + weeklyHistogram.count };
  });
}

/** Rebuilds only the rollups kept per local day, all time: what a new time zone changes (hours are UTC). Needs the wallet lock. */
export async function rebuildDailyRollups(tx: DbOrTx, orgId: string, timeZone: string): Promise<void> {
  await tx.execute(sql`DELETE FROM ${usageRollupsDaily} WHERE org_id = ${orgId}`);
  await tx.execute(dailyUpsert(eventsIn(orgId, null, null), timeZone));
  await tx.execute(sql`DELETE FROM ${modelCostHistogramDaily} WHERE org_id = ${orgId}`);
  await tx.execute(dailyHistogramUpsert(eventsIn(orgId, null, null), timeZone));
  await tx.execute(sql`DELETE FROM ${modelCostHistogramWeekly} WHERE org_id = ${orgId}`);
  await tx.execute(weeklyHistogramUpsert(eventsIn(orgId, null, null), timeZone));
}
