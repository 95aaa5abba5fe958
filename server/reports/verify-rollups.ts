import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { modelCostHistogramDaily, modelCostHistogramWeekly, organizations, usageRollupsDaily, usageRollupsHourly } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { HISTOGRAM_DIMENSIONS, HISTOGRAM_MEASURES, ROLLUP_DIMENSIONS, ROLLUP_MEASURES } from "../../db/schema/rollups";
import { dayIn, dimensionValues, histogramDimensionValues, histogramMeasureValues, hourOf, measureValues, weekIn } from "../usage/rollup-write";
import { eventsIn, rollupWindow, within, type RollupRange } from "./rollup-window";

/** A rollup row that disagrees with the events it sums (a side is null when that row is missing). */
export interface RollupDrift {
  orgId: string;
  grain: "hourly" | "daily" | "costHistogramDaily" | "costHistogramWeekly";
  bucket: string;
  key: Record<string, string>;
  expected: Record<string, string> | null;
  actual: Record<string, string> | null;
}

const SAMPLE = 20;

/** What a rollup keys and sums: its columns, and the expressions computing them from events. */
interface RollupShape {
  dimensions: readonly string[];
  measures: readonly string[];
  dimensionValues: SQL;
  measureValues: SQL;
  /** Which events it counts. */
  where: SQL;
}

const usageShape: RollupShape = { dimensions: ROLLUP_DIMENSIONS, measures: ROLLUP_MEASURES, dimensionValues, measureValues, where: sql`true` };
const histogramShape: RollupShape = {
  dimensions: HISTOGRAM_DIMENSIONS,
  measures: HISTOGRAM_MEASURES,
  dimensionValues: histogramDimensionValues,
  measureValues: histogramMeasureValues,
  where: sql`kind = 'model'`,
};

/**
 * Recomputes the rollups of an organisation over a range from its usage events and lists the rows
 * that differ (at most 20 per grain, with the total count). Read-only; an empty list means exact.
 */
export async function verifyRollups(db: DbOrTx, orgId: string, range: RollupRange = {}): Promise<{ drifted: number; sample: RollupDrift[] }> {
  const window = await rollupWindow(db, orgId, range);
  const iso = (instant: Date | null) => instant?.toISOString() ?? null;
  const hours = { column: "hour", from: iso(window.hourFrom), to: iso(window.hourTo), events: eventsIn(orgId, window.hourFrom, window.hourTo), of: hourOf };
  const days = { column: "day", from: window.dayFrom, to: window.dayTo, events: eventsIn(orgId, window.startsAt, window.endsAt), of: dayIn(window.timeZone) };
  const weeks = { column: "week", from: window.weekFrom, to: window.weekTo, events: eventsIn(orgId, window.weekStartsAt, window.weekEndsAt), of: weekIn(window.timeZone) };
  /** A rollup table's rows in the window against the events' aggregate over the same buckets. */
  const check = (shape: RollupShape, table: SQLWrapper, period: typeof hours) =>
    compareQuery(
      shape,
      period.events,
      period.of,
      sql`SELECT ${sql.raw(period.column)} AS bucket, * FROM ${table} WHERE org_id = ${orgId} AND ${within(sql.raw(period.column), period.from, period.to)}`,
    );
  const grains = [
    { grain: "hourly" as const, raw: check(usageShape, usageRollupsHourly, hours) },
    { grain: "daily" as const, raw: check(usageShape, usageRollupsDaily, days) },
    { grain: "costHistogramDaily" as const, raw: check(histogramShape, modelCostHistogramDaily, days) },
    { grain: "costHistogramWeekly" as const, raw: check(histogramShape, modelCostHistogramWeekly, weeks) },
  ];
  let drifted = 0;
  const sample: RollupDrift[] = [];
  for (const { grain, raw } of grains) {
    const rows = await db.execute<{ total: string; bucket: string; key: Record<string, string>; expected: Record<string, string> | null; actual: Record<string, string> | null }>(raw);
    drifted += Number(rows[0]?.total ?? 0);
    for (const row of rows) sample.push({ orgId, grain, bucket: row.bucket, key: row.key, expected: row.expected, actual: row.actual });
  }
  return { drifted, sample };
}

/** Every organisation's rollups, all time (the CLI). */
export async function verifyAllRollups(db: DbOrTx): Promise<{ drifted: number; sample: RollupDrift[] }> {
  const orgs = await db.select({ id: organizations.id }).from(organizations);
  const all = { drifted: 0, sample: [] as RollupDrift[] };
  for (const org of orgs) {
    const result = await verifyRollups(db, org.id);
    all.drifted += result.drifted;
    all.sample.push(...result.sample);
  }
  return all;
}

/** Rows where the stored rollup (`stored`) and the aggregate of `events` per `bucket` and dimensions differ. */
function compareQuery(shape: RollupShape, events: SQL, bucket: SQL, stored: SQL): SQL {
  const key = sql.raw(["bucket", ...shape.dimensions].join(", "));
  const measureNames = sql.raw(shape.measures.join(", "));
  const groupBy = sql.raw(Array.from({ length: shape.dimensions.length + 1 }, (_, i) => i + 1).join(", "));
  const differs = sql.raw(shape.measures.map((m) => `r.${m} IS DISTINCT FROM a.${m}`).join(" OR "));
  const keyJson = sql.raw(`jsonb_build_object(${shape.dimensions.map((d) => `'${d}', ${d}::text`).join(", ")})`);
  const measuresJson = (alias: string) =>
    sql.raw(`CASE WHEN ${alias}.${shape.measures[0]} IS NULL THEN NULL ELSE jsonb_build_object(${shape.measures.map((m) => `'${m}', ${alias}.${m}::text`).join(", ")}) END`);
  return sql`
    WITH a AS (
      SELECT * FROM (SELECT ${bucket}, ${shape.dimensionValues}, ${shape.measureValues} FROM ${events} WHERE ${shape.where} GROUP BY ${groupBy}) x(${key}, ${measureNames})
    ), r AS (SELECT ${key}, ${measureNames} FROM (${stored}) s)
    SELECT count(*) OVER () AS total, bucket::text, ${keyJson} AS key, ${measuresJson("a")} AS expected, ${measuresJson("r")} AS actual
    FROM a FULL JOIN r USING (${key}) WHERE ${differs}
    LIMIT ${SAMPLE}`;
}
