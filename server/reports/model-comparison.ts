import { and, eq, gte, sql } from "drizzle-orm";
import { z } from "zod";
import { usageEvents as e } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { divide } from "../lib/decimal";
import { usageVisibility } from "../usage/list-usage";

/** The label of events recorded without a task type. */
export const NO_TASK_TYPE = "(none)";

export const modelComparisonInputSchema = z.object({
  days: z.number().int().min(1).max(366).default(30),
  taskType: z.string().trim().min(1).max(100).optional(),
});

/**
 * Model events from the last `days` days (database clock) that the caller may see, optionally of
 * one task type. A task is one model event; its credits are the event's cost at its price version.
 */
export function comparedEvents(principal: Principal, days: number, taskType?: string) {
  return and(
    usageVisibility(principal),
    eq(e.kind, "model"),
    gte(e.occurredAt, sql`now() - make_interval(days => ${days})`),
    taskType === undefined ? undefined : taskType === NO_TASK_TYPE ? sql`${e.taskType} IS NULL` : eq(e.taskType, taskType),
  );
}

/**
 * Per task type, credits per task by model: mean (rounded half-up to a micro-credit), median and
 * p90 (percentile_disc: an actual task's cost, the lower one at a tie, so exact), and each model's
 * share of the task type's tasks and credits in basis points (rounded half-up).
 */
export async function compareModels(db: DbOrTx, principal: Principal, input: z.input<typeof modelComparisonInputSchema>) {
  const filter = modelComparisonInputSchema.parse(input);
  const taskType = sql<string>`coalesce(${e.taskType}, ${NO_TASK_TYPE})`;
  const rows = await db
    .select({
      taskType,
      model: e.item,
      tasks: sql<string>`count(*)::text`,
      costMicros: sql<string>`sum(${e.costMicros})::text`,
      medianMicros: sql<string>`percentile_disc(0.5) WITHIN GROUP (ORDER BY ${e.costMicros})::text`,
      p90Micros: sql<string>`percentile_disc(0.9) WITHIN GROUP (ORDER BY ${e.costMicros})::text`,
    })
    .from(e)
    .where(comparedEvents(principal, filter.days, filter.taskType))
    // By position: the task-type expression carries a parameter, so repeating it would not match.
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`1`, sql`2`);

  const byTaskType = new Map<string, typeof rows>();
  for (const row of rows) byTaskType.set(row.taskType, [...(byTaskType.get(row.taskType) ?? []), row]);
  const taskTypes = [...byTaskType.entries()].map(([name, models]) => {
    const tasks = models.reduce((sum, m) => sum + BigInt(m.tasks), 0n);
    const cost = models.reduce((sum, m) => sum + BigInt(m.costMicros), 0n);
    return {
      taskType: name,
      tasks: Number(tasks),
      costMicros: Number(cost),
      meanMicros: Number(divide(cost, tasks, "halfUp")),
      models: models
        .map((m) => ({
          model: m.model,
          tasks: Number(m.tasks),
          costMicros: Number(m.costMicros),
          meanMicros: Number(divide(BigInt(m.costMicros), BigInt(m.tasks), "halfUp")),
          medianMicros: Number(m.medianMicros),
          p90Micros: Number(m.p90Micros),
          taskShareBps: Number(divide(BigInt(m.tasks) * 10_000n, tasks, "halfUp")),
          creditShareBps: cost > 0n ? Number(divide(BigInt(m.costMicros) * 10_000n, cost, "halfUp")) : 0,
        }))
        .sort((a, b) => b.tasks - a.tasks),
    };
  });
  return { days: filter.days, taskTypes: taskTypes.sort((a, b) => b.costMicros - a.costMicros) };
}
export type ModelComparison = Awaited<ReturnType<typeof compareModels>>;
