import { bigint, date, integer, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { allotSchema } from "./allot-schema";
import { organizations } from "./orgs";
import { usageKindEnum } from "./usage";

/**
 * Rollups of usage events, maintained in the statement that inserts the events (see
 * server/usage/post-usage.ts) and rebuilt from them on demand (server/reports/rebuild-rollups.ts).
 *
 * Two grains, both with every dimension, both keyed by organisation first (Citus-ready):
 * - hourly, per UTC hour: hour granularity, read over short ranges only (≤ 7 days);
 * - daily, per calendar day in the organisation's time zone: day, week and month buckets, exact for
 *   every zone (also half-hour ones), and ~24× fewer rows to read over months. It depends on the
 *   zone, so changing the organisation's zone rebuilds it.
 *
 * Absent attribution is stored as a sentinel (NO_ID, empty text) rather than NULL, so the primary
 * key is the conflict target on PostgreSQL 14 (no NULLS NOT DISTINCT); readers turn it back into NULL.
 */
export const NO_ID = "00000000-0000-0000-0000-000000000000";

const dimensions = {
  departmentId: uuid().notNull().default(NO_ID),
  projectId: uuid().notNull().default(NO_ID),
  agentId: uuid().notNull().default(NO_ID),
  userRef: text().notNull().default(""),
  kind: usageKindEnum().notNull(),
  /** The model (kind model) or operation (kind operation). */
  item: text().notNull(),
  taskType: text().notNull().default(""),
  workflow: text().notNull().default(""),
};

const measures = {
  events: bigint({ mode: "number" }).notNull(),
  costMicros: bigint({ mode: "number" }).notNull(),
  chargedMicros: bigint({ mode: "number" }).notNull(),
  inputTokens: bigint({ mode: "number" }).notNull(),
  outputTokens: bigint({ mode: "number" }).notNull(),
  cachedInputTokens: bigint({ mode: "number" }).notNull(),
  cacheWriteTokens: bigint({ mode: "number" }).notNull(),
  quantityMicros: bigint({ mode: "number" }).notNull(),
};

const orgId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id);

export const usageRollupsHourly = allotSchema.table(
  "usage_rollups_hourly",
  { orgId: orgId(), hour: timestamp({ withTimezone: true }).notNull(), ...dimensions, ...measures },
  (t) => [
    primaryKey({
      name: "usage_rollups_hourly_pkey",
      columns: [t.orgId, t.hour, t.departmentId, t.projectId, t.agentId, t.userRef, t.kind, t.item, t.taskType, t.workflow],
    }),
  ],
);

export const usageRollupsDaily = allotSchema.table(
  "usage_rollups_daily",
  { orgId: orgId(), day: date({ mode: "string" }).notNull(), ...dimensions, ...measures },
  (t) => [
    primaryKey({
      name: "usage_rollups_daily_pkey",
      columns: [t.orgId, t.day, t.departmentId, t.projectId, t.agentId, t.userRef, t.kind, t.item, t.taskType, t.workflow],
    }),
  ],
);

/** The measure columns, in the order the write path and the rebuild insert them. */
export const ROLLUP_MEASURES = [
  "events",
  "cost_micros",
  "charged_micros",
  "input_tokens",
  "output_tokens",
  "cached_input_tokens",
  "cache_write_tokens",
  "quantity_micros",
] as const;

/** The dimension columns, in primary-key order after the time bucket. */
export const ROLLUP_DIMENSIONS = ["department_id", "project_id", "agent_id", "user_ref", "kind", "item", "task_type", "workflow"] as const;

const histogramKey = {
  departmentId: uuid().notNull().default(NO_ID),
  taskType: text().notNull().default(""),
  /** The model the task ran on (the event's item). */
  item: text().notNull(),
  costBucket: integer().notNull(),
};

const histogramMeasures = {
  tasks: bigint({ mode: "number" }).notNull(),
  costMicros: bigint({ mode: "number" }).notNull(),
  minCostMicros: bigint({ mode: "number" }).notNull(),
  maxCostMicros: bigint({ mode: "number" }).notNull(),
};

/**
 * Histograms of per-task cost for model events, per department, task type and model, in buckets
 * that are exact below 128 µcr and at most 1/64 (1.6 %) wide above (server/usage/cost-buckets.ts).
 * The model comparison reads its medians and 90th percentiles here instead of from the events:
 * whole weeks (Monday to Sunday in the organisation's zone) from the weekly grain, the days before
 * the first whole week from the daily one, so a 90-day window reads ~13 weeks and ≤ 6 days of rows.
 * Maintained with the other rollups, in the same statement; both grains follow the zone, so a zone
 * change rebuilds them.
 */
export const modelCostHistogramDaily = allotSchema.table(
  "model_cost_histogram_daily",
  { orgId: orgId(), day: date({ mode: "string" }).notNull(), ...histogramKey, ...histogramMeasures },
  (t) => [primaryKey({ name: "model_cost_histogram_daily_pkey", columns: [t.orgId, t.day, t.departmentId, t.taskType, t.item, t.costBucket] })],
);

export const modelCostHistogramWeekly = allotSchema.table(
  "model_cost_histogram_weekly",
  { orgId: orgId(), /** The Monday the week starts on. */ week: date({ mode: "string" }).notNull(), ...histogramKey, ...histogramMeasures },
  (t) => [primaryKey({ name: "model_cost_histogram_weekly_pkey", columns: [t.orgId, t.week, t.departmentId, t.taskType, t.item, t.costBucket] })],
);

/** The histograms' key after the time bucket, and their measures, in the order the write path inserts them. */
export const HISTOGRAM_DIMENSIONS = ["department_id", "task_type", "item", "cost_bucket"] as const;
export const HISTOGRAM_MEASURES = ["tasks", "cost_micros", "min_cost_micros", "max_cost_micros"] as const;
