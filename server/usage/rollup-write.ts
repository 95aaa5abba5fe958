import { sql, type SQL } from "drizzle-orm";
import {
  HISTOGRAM_DIMENSIONS,
  HISTOGRAM_MEASURES,
  modelCostHistogramDaily,
  modelCostHistogramWeekly,
  NO_ID,
  ROLLUP_DIMENSIONS,
  ROLLUP_MEASURES,
  usageRollupsDaily,
  usageRollupsHourly,
} from "../../db/schema/rollups";
import type { Bound } from "../lib/shaped-sql";
import { costBucketSql } from "./cost-buckets";

/** An IANA time zone name, or the bound value of one (server/lib/shaped-sql.ts). */
type TimeZone = string | Bound;

/** The usage-event columns the rollups read (what the write path's insert returns). */
export const ROLLUP_SOURCE_COLUMNS = sql.raw(
  "org_id, occurred_at, department_id, project_id, agent_id, user_ref, kind, item, task_type, workflow, " +
    "cost_micros, charged_micros, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, quantity_micros",
);

const noId = sql.raw(`'${NO_ID}'::uuid`);
export const dimensionValues = sql`coalesce(department_id, ${noId}), coalesce(project_id, ${noId}), coalesce(agent_id, ${noId}),
  coalesce(user_ref, ''), kind, item, coalesce(task_type, ''), coalesce(workflow, '')`;
export const measureValues = sql.raw(
  "count(*), sum(cost_micros)::bigint, sum(charged_micros)::bigint, sum(input_tokens)::bigint, sum(output_tokens)::bigint, " +
    "sum(cached_input_tokens)::bigint, sum(cache_write_tokens)::bigint, sum(quantity_micros)::bigint",
);
const columns = sql.raw([...ROLLUP_DIMENSIONS, ...ROLLUP_MEASURES].join(", "));
const conflictKey = sql.raw(ROLLUP_DIMENSIONS.join(", "));
const addCounts = sql.raw(ROLLUP_MEASURES.map((m) => `${m} = t.${m} + excluded.${m}`).join(", "));

/** Hour (UTC), day and week (from Monday, in the organisation's zone) of an event. */
export const hourOf = sql`date_trunc('hour', occurred_at, 'UTC')`;
export const dayIn = (timeZone: TimeZone) => sql`(occurred_at AT TIME ZONE ${timeZone})::date`;
export const weekIn = (timeZone: TimeZone) => sql`date_trunc('week', occurred_at AT TIME ZONE ${timeZone})::date`;

type RollupTable = typeof usageRollupsHourly | typeof usageRollupsDaily;

/**
 * A statement that adds the events of `source` (a relation with ROLLUP_SOURCE_COLUMNS) to one
 * rollup: grouped first, so each rollup row is touched once per statement however many events of
 * a batch fall in it, then added with ON CONFLICT DO UPDATE. Increments commute, and an
 * organisation's writers are serialised by its wallet lock, so this never deadlocks or loses counts.
 */
function upsert(table: RollupTable, bucketColumn: "hour" | "day", bucket: SQL, source: SQL): SQL {
  return sql`INSERT INTO ${table} AS t (org_id, ${sql.raw(bucketColumn)}, ${columns})
    SELECT org_id, ${bucket}, ${dimensionValues}, ${measureValues}
    FROM ${source} GROUP BY org_id, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ON CONFLICT (org_id, ${sql.raw(bucketColumn)}, ${conflictKey}) DO UPDATE SET ${addCounts}`;
}

export const hourlyUpsert = (source: SQL) => upsert(usageRollupsHourly, "hour", hourOf, source);
export const dailyUpsert = (source: SQL, timeZone: TimeZone) => upsert(usageRollupsDaily, "day", dayIn(timeZone), source);

/** The cost histogram's key values and measures of a relation with ROLLUP_SOURCE_COLUMNS (model events only). */
export const histogramDimensionValues = sql`coalesce(department_id, ${noId}), coalesce(task_type, ''), item, ${costBucketSql(sql`cost_micros`)}`;
export const histogramMeasureValues = sql.raw("count(*), sum(cost_micros)::bigint, min(cost_micros), max(cost_micros)");
const histogramColumns = sql.raw([...HISTOGRAM_DIMENSIONS, ...HISTOGRAM_MEASURES].join(", "));
const histogramKey = sql.raw(HISTOGRAM_DIMENSIONS.join(", "));

type HistogramTable = typeof modelCostHistogramDaily | typeof modelCostHistogramWeekly;

/** Adds the model events of `source` to a cost histogram: counts and sums add, the extremes widen. */
function histogramUpsert(table: HistogramTable, bucketColumn: "day" | "week", bucket: SQL, source: SQL): SQL {
  return sql`INSERT INTO ${table} AS t (org_id, ${sql.raw(bucketColumn)}, ${histogramColumns})
    SELECT org_id, ${bucket}, ${histogramDimensionValues}, ${histogramMeasureValues}
    FROM ${source} WHERE kind = 'model' GROUP BY org_id, 2, 3, 4, 5, 6
    ON CONFLICT (org_id, ${sql.raw(bucketColumn)}, ${histogramKey}) DO UPDATE SET tasks = t.tasks + excluded.tasks,
      cost_micros = t.cost_micros + excluded.cost_micros, min_cost_micros = least(t.min_cost_micros, excluded.min_cost_micros),
      max_cost_micros = greatest(t.max_cost_micros, excluded.max_cost_micros)`;
}

export const dailyHistogramUpsert = (source: SQL, timeZone: TimeZone) => histogramUpsert(modelCostHistogramDaily, "day", dayIn(timeZone), source);
export const weeklyHistogramUpsert = (source: SQL, timeZone: TimeZone) => histogramUpsert(modelCostHistogramWeekly, "week", weekIn(timeZone), source);

/** Every rollup's statement for the events of `source` (the write path adds them to its one statement). */
export const rollupUpserts = (source: SQL, timeZone: TimeZone): SQL[] => [
  hourlyUpsert(source),
  dailyUpsert(source, timeZone),
  dailyHistogramUpsert(source, timeZone),
  weeklyHistogramUpsert(source, timeZone),
];
