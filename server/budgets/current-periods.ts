import type { DbOrTx } from "../../db/transaction";
import type { Budget } from "./budget-book";
import { periodKeyOf, readPeriodTotals } from "./period-totals";
import { calendarPeriods, type PeriodBounds } from "./periods";
import { burnRatePerHour, projectedExhaustion } from "./projection";

/** A budget as people and sibling apps see it: its current period's totals and what they mean. */
export interface BudgetStatus {
  budgetId: string;
  name: string;
  scope: Budget["scope"];
  mode: Budget["mode"];
  period: Budget["period"];
  limitMicros: number;
  spentMicros: number;
  heldMicros: number;
  remainingMicros: number;
  /** A pause budget whose committed + held has reached its limit (and was not resumed): spend is refused. */
  paused: boolean;
  resumed: boolean;
  /** Null for a custom window that is not running now. */
  periodStart: Date | null;
  periodEnd: Date | null;
  burnRateMicrosPerHour: number;
  /** When spend reaches the limit at the period's average rate so far; null when not within the period. */
  projectedExhaustionAt: Date | null;
}

/** The current period (by the database's clock) of each budget, with its totals. */
export async function currentStatuses(db: DbOrTx, orgId: string, timeZone: string, now: Date, list: Budget[]): Promise<BudgetStatus[]> {
  const calendar = list.filter((budget) => budget.period !== "custom");
  const bounds = await calendarPeriods(
    db,
    timeZone,
    calendar.map((budget) => ({ period: budget.period as Exclude<Budget["period"], "custom">, at: now })),
  );
  const periodOf = new Map<string, PeriodBounds | null>(calendar.map((budget, i) => [budget.id, bounds[i]!]));
  for (const budget of list) {
    if (budget.period === "custom") {
      const running = budget.windowStart! <= now && now < budget.windowEnd!;
      periodOf.set(budget.id, running ? { start: budget.windowStart!, end: budget.windowEnd! } : null);
    }
  }
  const running = list.filter((budget) => periodOf.get(budget.id));
  const rows = await readPeriodTotals(
    db,
    orgId,
    running.map((budget) => ({ budgetId: budget.id, start: periodOf.get(budget.id)!.start })),
  );
  const totals = new Map(rows.map((row) => [periodKeyOf(row.budgetId, row.periodStart), row]));

  return list.map((budget) => {
    const period = periodOf.get(budget.id) ?? null;
    const row = period ? totals.get(periodKeyOf(budget.id, period.start)) : undefined;
    const spentMicros = row?.spentMicros ?? 0;
    const heldMicros = row?.heldMicros ?? 0;
    const resumed = Boolean(row?.resumedAt);
    // A budget counts spend from its creation, so its pace is measured from then too (else one set up mid-period looks idle).
    const since = period ? new Date(Math.max(period.start.getTime(), budget.createdAt.getTime())) : null;
    return {
      budgetId: budget.id,
      name: budget.name,
      scope: budget.scope,
      mode: budget.mode,
      period: budget.period,
      limitMicros: budget.limitMicros,
      spentMicros,
      heldMicros,
      remainingMicros: Math.max(0, budget.limitMicros - spentMicros - heldMicros),
      paused: budget.mode === "pause" && !resumed && period !== null && spentMicros + heldMicros >= budget.limitMicros,
      resumed,
      periodStart: period?.start ?? null,
      periodEnd: period?.end ?? null,
      burnRateMicrosPerHour: period && since ? burnRatePerHour(spentMicros, since, now) : 0,
      projectedExhaustionAt: period && since
        ? projectedExhaustion({ spentMicros, limitMicros: budget.limitMicros, periodStart: since, periodEnd: period.end, now })
        : null,
    };
  });
}
