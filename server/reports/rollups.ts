import { and, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { agents, departments, NO_ID, organizations, projects, usageRollupsDaily, usageRollupsHourly } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { invalidInput } from "../lib/errors";
import { usageVisibility } from "../usage/list-usage";
import { DIMENSIONS, GRANULARITIES, type Dimension, type Granularity } from "./dimensions";

/**
 * Spend read from the rollups (never from raw events): series over time, breakdowns and totals by
 * any dimension, with filters on any of them, restricted to what the principal may see
 * (usageVisibility, in the query). Ranges are whole days in the organisation's time zone; day,
 * week (from Monday) and month buckets come from the daily rollup (keyed by local day, so exact in
 * every zone), hour buckets from the hourly one (UTC hours shown in local time).
 */

export { DIMENSIONS, GRANULARITIES, type Dimension, type Granularity };

/** Hour buckets are for short ranges: a month of hourly rows with every dimension is too many to sum in 300 ms (docs/analytics.md). */
export const MAX_HOURLY_DAYS = 7;
const MAX_DAYS = 3 * 366 + 1;

const localDate = z.iso.date();
const ids = z.array(z.uuid()).max(100);
const labels = z.array(z.string().trim().min(1).max(200)).max(100);

export const reportFilterSchema = z
  .object({
    department: ids,
    project: ids,
    agent: ids,
    user: labels,
    model: labels,
    kind: z.array(z.enum(["model", "operation"])).max(2),
    taskType: labels,
    workflow: labels,
  })
  .partial();
export type ReportFilter = z.infer<typeof reportFilterSchema>;

/** Calendar days [from, to], both included, in the organisation's time zone. */
export const reportRangeSchema = z
  .object({ from: localDate, to: localDate })
  .refine((range) => range.from <= range.to, { message: "`from` must not be after `to`" });
export type ReportRange = z.infer<typeof reportRangeSchema>;

/** Column (as stored) and how it reads back: sentinels for "not attributed" become null. */
const DIMENSION_SQL: Record<Dimension, SQL> = {
  department: sql`nullif(department_id, ${sql.raw(`'${NO_ID}'`)}::uuid)::text`,
  project: sql`nullif(project_id, ${sql.raw(`'${NO_ID}'`)}::uuid)::text`,
  agent: sql`nullif(agent_id, ${sql.raw(`'${NO_ID}'`)}::uuid)::text`,
  user: sql`nullif(user_ref, '')`,
  model: sql`item`,
  kind: sql`kind::text`,
  taskType: sql`nullif(task_type, '')`,
  workflow: sql`nullif(workflow, '')`,
};

function filterConditions(filter: ReportFilter): SQL[] {
  const any = (column: string, values: string[] | undefined, type: string) =>
    values && values.length > 0 ? sql`${sql.raw(column)} = ANY(${sql.param(values)}::${sql.raw(type)}[])` : undefined;
  return [
    any("department_id", filter.department, "uuid"),
    any("project_id", filter.project, "uuid"),
    any("agent_id", filter.agent, "uuid"),
    filter.user && filter.user.length > 0 ? sql`lower(user_ref) = ANY(${sql.param(filter.user.map((u) => u.toLowerCase()))}::text[])` : undefined,
    any("item", filter.model, "text"),
    any("kind::text", filter.kind, "text"),
    any("task_type", filter.taskType, "text"),
    any("workflow", filter.workflow, "text"),
  ].filter((condition): condition is SQL => condition !== undefined);
}

const zoneOf = (orgId: string) => sql`(SELECT ${organizations.timeZone} FROM ${organizations} WHERE ${organizations.id} = ${orgId})`;

function daysIn(range: ReportRange): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
}

/** Where a granularity reads from: the table, its bucket expression and the range condition. */
function source(principal: Principal, range: ReportRange, granularity: Granularity, filter: ReportFilter) {
  const days = daysIn(range);
  if (days > MAX_DAYS) throw invalidInput(`A report covers at most ${MAX_DAYS} days`, { days });
  if (granularity === "hour") {
    if (days > MAX_HOURLY_DAYS) throw invalidInput(`Hourly reports cover at most ${MAX_HOURLY_DAYS} days; choose day, week or month`, { days });
    const zone = zoneOf(principal.orgId);
    return {
      table: usageRollupsHourly,
      bucketColumn: sql`hour`,
      bucket: sql`to_char(at AT TIME ZONE ${zone}, 'YYYY-MM-DD"T"HH24:MI')`,
      where: and(
        usageVisibility(principal, usageRollupsHourly),
        sql`hour >= date_trunc('hour', ${range.from}::date::timestamp AT TIME ZONE ${zone}, 'UTC')`,
        sql`hour < (${range.to}::date + 1)::timestamp AT TIME ZONE ${zone}`,
        ...filterConditions(filter),
      )!,
    };
  }
  const bucketColumn = {
    day: sql`day`,
    week: sql`date_trunc('week', day)::date`,
    month: sql`date_trunc('month', day)::date`,
  }[granularity];
  return {
    table: usageRollupsDaily,
    bucketColumn,
    bucket: sql`at::text`,
    where: and(usageVisibility(principal, usageRollupsDaily), sql`day BETWEEN ${range.from}::date AND ${range.to}::date`, ...filterConditions(filter))!,
  };
}

export interface SpendMeasures {
  events: number;
  costMicros: number;
  chargedMicros: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  quantityMicros: number;
}

const MEASURES_SQL = sql`sum(events)::text AS events, sum(cost_micros)::text AS cost_micros, sum(charged_micros)::text AS charged_micros,
  sum(input_tokens)::text AS input_tokens, sum(output_tokens)::text AS output_tokens,
  sum(cached_input_tokens)::text AS cached_input_tokens, sum(quantity_micros)::text AS quantity_micros`;

type MeasureRow = Record<"events" | "cost_micros" | "charged_micros" | "input_tokens" | "output_tokens" | "cached_input_tokens" | "quantity_micros", string | null>;

function measures(row: MeasureRow): SpendMeasures {
  const n = (value: string | null) => Number(value ?? 0);
  return {
    events: n(row.events),
    costMicros: n(row.cost_micros),
    chargedMicros: n(row.charged_micros),
    inputTokens: n(row.input_tokens),
    outputTokens: n(row.output_tokens),
    cachedInputTokens: n(row.cached_input_tokens),
    quantityMicros: n(row.quantity_micros),
  };
}

/** The sum of several rows' measures. */
export function sumMeasures(rows: SpendMeasures[]): SpendMeasures {
  const total: SpendMeasures = { events: 0, costMicros: 0, chargedMicros: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, quantityMicros: 0 };
  for (const row of rows) for (const key of Object.keys(total) as (keyof SpendMeasures)[]) total[key] += row[key];
  return total;
}

/** The display name of a breakdown key: names for ids, the value itself otherwise. */
function labelOf(dimension: Dimension | undefined, orgId: string): SQL {
  const named = (table: typeof departments | typeof projects | typeof agents) =>
    sql`(SELECT name FROM ${table} WHERE ${table.orgId} = ${orgId} AND ${table.id} = g.key::uuid)`;
  switch (dimension) {
    case "department":
      return named(departments);
    case "project":
      return named(projects);
    case "agent":
      return named(agents);
    default:
      return sql`g.key`;
  }
}

export interface SeriesQuery {
  range: ReportRange;
  granularity: Granularity;
  breakdown?: Dimension;
  filter?: ReportFilter;
  /** Keys beyond the `top` biggest (by charged credits over the range) are summed as one "other" series. */
  top?: number;
}

export interface SeriesPoint extends SpendMeasures {
  bucket: string;
  /** The breakdown value (an id for department, project and agent); null when not attributed or no breakdown. */
  key: string | null;
  label: string | null;
  /** True for the row summing every key beyond the top ones. */
  other: boolean;
}

/** Spend per time bucket, optionally per value of one dimension; only non-empty buckets are returned. */
export async function spendSeries(db: DbOrTx, principal: Principal, query: SeriesQuery): Promise<SeriesPoint[]> {
  const { table, bucketColumn, bucket, where } = source(principal, query.range, query.granularity, query.filter ?? {});
  const key = query.breakdown ? DIMENSION_SQL[query.breakdown] : sql`NULL::text`;
  const top = query.top ?? 8;
  const rows = await db.execute<MeasureRow & { bucket: string; key: string | null; label: string | null; other: boolean }>(sql`
    WITH grouped AS (
      SELECT ${bucketColumn} AS at, ${key} AS key, ${MEASURES_SQL}
      FROM ${table} WHERE ${where} GROUP BY 1, 2
    ), base AS (
      -- Formatted after grouping: once per bucket, not once per rollup row.
      SELECT ${bucket} AS bucket, grouped.* FROM grouped
    ), ranked AS (
      SELECT key, rank() OVER (ORDER BY sum(charged_micros::numeric) DESC, key) <= ${top} AS kept FROM base GROUP BY key
    ), g AS (
      SELECT b.bucket, CASE WHEN r.kept THEN b.key END AS key, NOT r.kept AS other,
             sum(events::numeric) AS events, sum(cost_micros::numeric) AS cost_micros, sum(charged_micros::numeric) AS charged_micros,
             sum(input_tokens::numeric) AS input_tokens, sum(output_tokens::numeric) AS output_tokens,
             sum(cached_input_tokens::numeric) AS cached_input_tokens, sum(quantity_micros::numeric) AS quantity_micros
      FROM base b JOIN ranked r ON coalesce(r.key, '') = coalesce(b.key, '') GROUP BY 1, 2, 3
    )
    SELECT g.bucket, g.key, g.other, ${labelOf(query.breakdown, principal.orgId)} AS label,
           events::text, cost_micros::text, charged_micros::text, input_tokens::text, output_tokens::text,
           cached_input_tokens::text, quantity_micros::text
    FROM g ORDER BY g.bucket, g.other, g.charged_micros DESC`);
  return rows.map((row) => ({ bucket: row.bucket, key: row.key, label: row.other ? null : row.label, other: row.other, ...measures(row) }));
}

export interface BreakdownQuery {
  range: ReportRange;
  by: Dimension;
  filter?: ReportFilter;
  limit?: number;
}

export interface BreakdownRow extends SpendMeasures {
  key: string | null;
  label: string | null;
}

/** Spend per value of one dimension over the range, biggest first (top spenders when `by` is user or agent). */
export async function spendBreakdown(db: DbOrTx, principal: Principal, query: BreakdownQuery): Promise<BreakdownRow[]> {
  const { table, where } = source(principal, query.range, "day", query.filter ?? {});
  const rows = await db.execute<MeasureRow & { key: string | null; label: string | null }>(sql`
    WITH g AS (SELECT ${DIMENSION_SQL[query.by]} AS key, ${MEASURES_SQL} FROM ${table} WHERE ${where} GROUP BY 1)
    SELECT g.*, ${labelOf(query.by, principal.orgId)} AS label FROM g
    ORDER BY g.charged_micros::numeric DESC, g.key LIMIT ${query.limit ?? 50}`);
  return rows.map((row) => ({ key: row.key, label: row.label, ...measures(row) }));
}

/** Spend over the whole range. */
export async function spendTotals(db: DbOrTx, principal: Principal, range: ReportRange, filter: ReportFilter = {}): Promise<SpendMeasures> {
  const { table, where } = source(principal, range, "day", filter);
  const [row] = await db.execute<MeasureRow>(sql`SELECT ${MEASURES_SQL} FROM ${table} WHERE ${where}`);
  return measures(row!);
}
