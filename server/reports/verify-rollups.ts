import { sql, type SQL } from "drizzle-orm";
import { organizations, usageRollupsDaily, usageRollupsHourly } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { ROLLUP_DIMENSIONS, ROLLUP_MEASURES } from "../../db/schema/rollups";
import { dayIn, dimensionValues, hourOf, measureValues } from "../usage/rollup-write";
import { eventsIn, rollupWindow, within, type RollupRange } from "./rollup-window";

/** A rollup row that disagrees with the events it sums (a side is null when that row is missing). */
export interface RollupDrift {
  orgId: string;
  grain: "hourly" | "daily";
  bucket: string;
  key: Record<string, string>;
  expected: Record<string, string> | null;
  actual: Record<string, string> | null;
}

const SAMPLE = 20;
const key = sql.raw(["bucket", ...ROLLUP_DIMENSIONS].join(", "));
const differs = sql.raw(ROLLUP_MEASURES.map((m) => `r.${m} IS DISTINCT FROM a.${m}`).join(" OR "));

/**
 * Recomputes the rollups of an organisation over a range from its usage events and lists the rows
 * that differ (at most 20 per grain, with the total count). Read-only; an empty list means exact.
 */
export async function verifyRollups(db: DbOrTx, orgId: string, range: RollupRange = {}): Promise<{ drifted: number; sample: RollupDrift[] }> {
  const window = await rollupWindow(db, orgId, range);
  const hourIso = [window.hourFrom?.toISOString() ?? null, window.hourTo?.toISOString() ?? null] as const;
  const grains = [
    {
      grain: "hourly" as const,
      raw: compareQuery(
        eventsIn(orgId, window.hourFrom, window.hourTo),
        hourOf,
        sql`SELECT hour AS bucket, * FROM ${usageRollupsHourly} WHERE org_id = ${orgId} AND ${within(sql`hour`, ...hourIso)}`,
      ),
    },
    {
      grain: "daily" as const,
      raw: compareQuery(
        eventsIn(orgId, window.startsAt, window.endsAt),
        dayIn(window.timeZone),
        sql`SELECT day AS bucket, * FROM ${usageRollupsDaily} WHERE org_id = ${orgId} AND ${within(sql`day`, window.dayFrom, window.dayTo)}`,
      ),
    },
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
function compareQuery(events: SQL, bucket: SQL, stored: SQL): SQL {
  const measureNames = sql.raw(ROLLUP_MEASURES.join(", "));
  const keyJson = sql.raw(`jsonb_build_object(${ROLLUP_DIMENSIONS.map((d) => `'${d}', ${d}::text`).join(", ")})`);
  const measuresJson = (alias: string) =>
    sql.raw(`CASE WHEN ${alias}.events IS NULL THEN NULL ELSE jsonb_build_object(${ROLLUP_MEASURES.map((m) => `'${m}', ${alias}.${m}::text`).join(", ")}) END`);
  return sql`
    WITH a AS (
      SELECT * FROM (SELECT ${bucket}, ${dimensionValues}, ${measureValues} FROM ${events} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) x(${key}, ${measureNames})
    ), r AS (SELECT ${key}, ${measureNames} FROM (${stored}) s)
    SELECT count(*) OVER () AS total, bucket::text, ${keyJson} AS key, ${measuresJson("a")} AS expected, ${measuresJson("r")} AS actual
    FROM a FULL JOIN r USING (${key}) WHERE ${differs}
    LIMIT ${SAMPLE}`;
}
