import { and, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { modelCostHistogramDaily, modelCostHistogramWeekly, organizations, usageEvents as e } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { divide } from "../lib/decimal";
import { notFound } from "../lib/errors";
import { percentileOf, type HistogramBucket } from "../usage/cost-buckets";
import { usageVisibility } from "../usage/list-usage";
import { departmentScopeOf } from "./department-scope";

/** The label of events recorded without a task type. */
export const NO_TASK_TYPE = "(none)";

export const modelComparisonInputSchema = z.object({
  days: z.number().int().min(1).max(366).default(30),
  taskType: z.string().trim().min(1).max(100).optional(),
});

/**
 * The last `days` days, today included, in the organisation's zone: the first day, the instant it
 * starts, and the first Monday on or after it (where the whole weeks of the window begin).
 */
export interface ComparisonWindow {
  dayFrom: string;
  startsAt: Date;
  firstMonday: string;
}

export async function comparisonWindow(db: DbOrTx, orgId: string, days: number): Promise<ComparisonWindow> {
  const [row] = await db.execute<{ day_from: string; starts_at: string; first_monday: string }>(sql`
    SELECT d::text AS day_from, (d::timestamp AT TIME ZONE time_zone)::text AS starts_at,
           (d + (8 - extract(isodow FROM d)::integer) % 7)::text AS first_monday
    FROM ${organizations}, LATERAL (SELECT (now() AT TIME ZONE time_zone)::date - ${days - 1}::integer AS d) x
    WHERE id = ${orgId}`);
  if (!row) throw notFound("Organisation", { orgId });
  return { dayFrom: row.day_from, startsAt: new Date(row.starts_at), firstMonday: row.first_monday };
}

/**
 * Model events of the window that the caller may see, optionally of one task type. A task is one
 * model event; its credits are the event's cost at its price version. (The what-if reads these.)
 */
export function comparedEvents(principal: Principal, window: ComparisonWindow, taskType?: string) {
  return and(
    usageVisibility(principal),
    eq(e.kind, "model"),
    gte(e.occurredAt, window.startsAt),
    taskType === undefined ? undefined : taskType === NO_TASK_TYPE ? sql`${e.taskType} IS NULL` : eq(e.taskType, taskType),
  );
}

type HistogramTable = typeof modelCostHistogramDaily | typeof modelCostHistogramWeekly;

/** A histogram's rows that the caller may see, of the task type if given, within `period`. */
function visibleHistogram(table: HistogramTable, principal: Principal, period: SQL, taskType: string | undefined): SQL {
  const scope = departmentScopeOf(principal);
  return sql`SELECT task_type, item, cost_bucket, tasks, cost_micros, min_cost_micros, max_cost_micros FROM ${table}
    WHERE ${and(
      eq(table.orgId, principal.orgId),
      scope === "all" ? undefined : scope.length === 0 ? sql`false` : inArray(table.departmentId, scope),
      period,
      taskType === undefined ? undefined : eq(table.taskType, taskType === NO_TASK_TYPE ? "" : taskType),
    )}`;
}

/** The window's histogram, per task type, model and bucket: whole weeks from the weekly grain, the days before them from the daily one. */
function windowHistogram(principal: Principal, window: ComparisonWindow, taskType: string | undefined): SQL {
  const weeks = visibleHistogram(modelCostHistogramWeekly, principal, gte(modelCostHistogramWeekly.week, window.firstMonday), taskType);
  const daily = modelCostHistogramDaily;
  const days = visibleHistogram(daily, principal, and(gte(daily.day, window.dayFrom), lt(daily.day, window.firstMonday))!, taskType);
  return sql`SELECT CASE WHEN task_type = '' THEN ${NO_TASK_TYPE} ELSE task_type END AS task_type, item, cost_bucket,
      sum(tasks)::text AS tasks, sum(cost_micros)::text AS cost_micros, min(min_cost_micros)::text AS min_cost_micros, max(max_cost_micros)::text AS max_cost_micros
    FROM (${weeks} UNION ALL ${days}) h
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
}

/**
 * Per task type, credits per task by model: mean (rounded half-up to a micro-credit), median and p90,
 * and each model's share of the task type's tasks and credits in basis points (rounded half-up).
 *
 * Read from the cost histograms (db/schema/rollups.ts), not the events: counts, sums and means are
 * exact; median and p90 are percentile_disc's answer (an actual task's cost, the lower at a tie)
 * exactly for costs below 128 µcr and within 1/64 (1.6 %) above (server/usage/cost-buckets.ts).
 */
export async function compareModels(db: DbOrTx, principal: Principal, input: z.input<typeof modelComparisonInputSchema>) {
  const filter = modelComparisonInputSchema.parse(input);
  const window = await comparisonWindow(db, principal.orgId, filter.days);
  const rows = await db.execute<{ task_type: string; item: string; tasks: string; cost_micros: string; min_cost_micros: string; max_cost_micros: string }>(
    windowHistogram(principal, window, filter.taskType),
  );

  // Rows arrive grouped by task type and model, buckets in cost order.
  const histograms = new Map<string, Map<string, HistogramBucket[]>>();
  for (const row of rows) {
    const models = histograms.get(row.task_type) ?? new Map<string, HistogramBucket[]>();
    histograms.set(row.task_type, models);
    const buckets = models.get(row.item) ?? [];
    models.set(row.item, buckets);
    buckets.push({
      tasks: BigInt(row.tasks),
      costMicros: BigInt(row.cost_micros),
      minCostMicros: BigInt(row.min_cost_micros),
      maxCostMicros: BigInt(row.max_cost_micros),
    });
  }

  const taskTypes = [...histograms.entries()].map(([name, byModel]) => {
    const models = [...byModel.entries()].map(([model, buckets]) => ({
      model,
      tasks: buckets.reduce((sum, b) => sum + b.tasks, 0n),
      cost: buckets.reduce((sum, b) => sum + b.costMicros, 0n),
      buckets,
    }));
    const tasks = models.reduce((sum, m) => sum + m.tasks, 0n);
    const cost = models.reduce((sum, m) => sum + m.cost, 0n);
    return {
      taskType: name,
      tasks: Number(tasks),
      costMicros: Number(cost),
      meanMicros: Number(divide(cost, tasks, "halfUp")),
      models: models
        .map((m) => ({
          model: m.model,
          tasks: Number(m.tasks),
          costMicros: Number(m.cost),
          meanMicros: Number(divide(m.cost, m.tasks, "halfUp")),
          medianMicros: Number(percentileOf(m.buckets, 50)),
          p90Micros: Number(percentileOf(m.buckets, 90)),
          taskShareBps: Number(divide(m.tasks * 10_000n, tasks, "halfUp")),
          creditShareBps: cost > 0n ? Number(divide(m.cost * 10_000n, cost, "halfUp")) : 0,
        }))
        .sort((a, b) => b.tasks - a.tasks),
    };
  });
  return { days: filter.days, since: window.dayFrom, taskTypes: taskTypes.sort((a, b) => b.costMicros - a.costMicros) };
}
export type ModelComparison = Awaited<ReturnType<typeof compareModels>>;
