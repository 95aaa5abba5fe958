import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { modelPrices as mp, priceVersions, usageEvents as e } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { divide, formatScaled } from "../lib/decimal";
import { AppError } from "../lib/errors";
import { comparedEvents, comparisonWindow } from "./model-comparison";

export const whatIfInputSchema = z.object({
  days: z.number().int().min(1).max(366).default(30),
  taskType: z.string().trim().min(1).max(100),
  /** Whole percentages of the task type's tasks per model; they add up to 100. */
  routing: z
    .array(z.object({ model: z.string().trim().min(1).max(200), percent: z.number().int().min(0).max(100) }))
    .min(1)
    .max(10)
    .refine((routes) => routes.reduce((sum, r) => sum + r.percent, 0) === 100, "the percentages must add up to 100")
    .refine((routes) => new Set(routes.map((r) => r.model)).size === routes.length, "each model at most once"),
});
export type WhatIfInput = z.input<typeof whatIfInputSchema>;

/**
 * Re-prices the last `days` days of one task type as if it had been routed differently.
 *
 * - Which events: the caller's visible model events of the task type in the last `days` days, today
 *   included, in the organisation's zone (as in the comparison), at their real token counts.
 * - How tokens carry over: an event sent to model M would have used exactly the same uncached
 *   input, output, cached-input and cache-write tokens; it is priced with M's rates in the price
 *   version the real event was priced with (the one in force at its time), by the same rule as a
 *   real event: ⌈Σ tokens × rate / 10⁶⌉ micro-credits, rounded up once per event. If M has no price
 *   in some event's version the what-if is refused (UNKNOWN_MODEL), never guessed.
 * - How a split applies: routing p % to M means each event costs, in expectation, p % of its price
 *   on M; the total is Σ_M p_M × C_M / 100, where C_M is every event priced on M, rounded half-up
 *   to a micro-credit once, at the end. No sampling: the same input always gives the same answer.
 * - The comparison is with the events' actual cost (costMicros at their price version).
 */
export async function whatIf(db: DbOrTx, principal: Principal, input: WhatIfInput) {
  const filter = whatIfInputSchema.parse(input);
  const where = comparedEvents(principal, await comparisonWindow(db, principal.orgId, filter.days), filter.taskType);
  const models = filter.routing.map((r) => r.model);
  // One pass over the events (the costly part at millions of them): actual cost per model, and every
  // event priced on each routed model in its own price version.
  const eventPrice = sql`ceil((ev.input_tokens::numeric * ${mp.inputMicrosPerMillionTokens}
      + ev.output_tokens::numeric * ${mp.outputMicrosPerMillionTokens}
      + ev.cached_input_tokens::numeric * coalesce(${mp.cachedInputMicrosPerMillionTokens}, ${mp.inputMicrosPerMillionTokens})
      + ev.cache_write_tokens::numeric * coalesce(${mp.cacheWriteMicrosPerMillionTokens}, ${mp.inputMicrosPerMillionTokens})) / 1000000)`;
  const rows = await db.execute<{ repriced: boolean; model: string; tasks: string; cost_micros: string }>(sql`
    WITH ev AS MATERIALIZED (
      SELECT org_id, item, price_version_id, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, cost_micros FROM ${e} WHERE ${where}
    )
    SELECT false AS repriced, item AS model, count(*)::text AS tasks, sum(cost_micros)::text AS cost_micros FROM ev GROUP BY item
    UNION ALL
    SELECT true, ${mp.model}, count(*)::text, sum(${eventPrice})::text FROM ev
      JOIN ${mp} ON ${mp.orgId} = ev.org_id AND ${mp.versionId} = ev.price_version_id AND ${inArray(mp.model, models)}
      GROUP BY ${mp.model}`);
  const actualByModel = rows
    .filter((row) => !row.repriced)
    .map((row) => ({ model: row.model, tasks: row.tasks, costMicros: row.cost_micros }))
    .sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  const repriced = rows.filter((row) => row.repriced).map((row) => ({ model: row.model, tasks: row.tasks, costMicros: row.cost_micros }));
  const tasks = actualByModel.reduce((sum, row) => sum + BigInt(row.tasks), 0n);
  const actualCost = actualByModel.reduce((sum, row) => sum + BigInt(row.costMicros), 0n);
  const byModel = new Map(repriced.map((row) => [row.model, row]));
  for (const model of models) {
    const priced = BigInt(byModel.get(model)?.tasks ?? 0);
    if (priced < tasks) throw await unpricedModel(db, principal, where, model);
  }
  const routes = filter.routing.map((route) => {
    const allOnModel = BigInt(byModel.get(route.model)?.costMicros ?? 0);
    return { model: route.model, percent: route.percent, allOnModelMicros: allOnModel, share: allOnModel * BigInt(route.percent) };
  });
  const whatIfCost = divide(
    routes.reduce((sum, r) => sum + r.share, 0n),
    100n,
    "halfUp",
  );
  const perTask = (micros: bigint) => (tasks > 0n ? Number(divide(micros, tasks, "halfUp")) : 0);
  return {
    days: filter.days,
    taskType: filter.taskType,
    tasks: Number(tasks),
    actualCostMicros: Number(actualCost),
    actualPerTaskMicros: perTask(actualCost),
    actualByModel: actualByModel.map((row) => ({ model: row.model, tasks: Number(row.tasks), costMicros: Number(row.costMicros) })),
    whatIfCostMicros: Number(whatIfCost),
    whatIfPerTaskMicros: perTask(whatIfCost),
    /** What-if minus actual: negative is a saving. */
    differenceMicros: Number(whatIfCost - actualCost),
    /** The difference relative to the actual cost, in basis points (half-up); null when nothing was spent. */
    differenceBps: actualCost > 0n ? Number(divide((whatIfCost - actualCost) * 10_000n, actualCost, "halfUp")) : null,
    routes: routes.map((r) => ({
      model: r.model,
      percent: r.percent,
      /** Every event of the window priced on this model. */
      allOnModelMicros: Number(r.allOnModelMicros),
      /** percent × that / 100, exact (before the one rounding of the total). */
      routedExactMicros: formatScaled(r.share, 2),
    })),
  };
}
export type WhatIfResult = Awaited<ReturnType<typeof whatIf>>;

/** UNKNOWN_MODEL naming the first price version (by number) in which `model` has no price. */
async function unpricedModel(db: DbOrTx, principal: Principal, where: ReturnType<typeof comparedEvents>, model: string) {
  const [missing] = await db
    .select({ version: priceVersions.version })
    .from(e)
    .innerJoin(priceVersions, and(eq(priceVersions.orgId, e.orgId), eq(priceVersions.id, e.priceVersionId)))
    .where(
      and(
        where,
        sql`NOT EXISTS (SELECT 1 FROM ${mp} WHERE ${mp.orgId} = ${e.orgId} AND ${mp.versionId} = ${e.priceVersionId} AND ${mp.model} = ${model})`,
      ),
    )
    .orderBy(priceVersions.version)
    .limit(1);
  return new AppError("UNKNOWN_MODEL", `Model "${model}" has no price in version ${missing?.version ?? "?"}, which priced some of these tasks`, {
    model,
    priceVersion: missing?.version ?? null,
  });
}
