import type { DbOrTx } from "../../db/transaction";
import type { MemberPrincipal } from "../auth/principal";
import type { MicrosRange } from "../reports/forecast";
import { forecastFor, reachDates, type ReachDates } from "../reports/projection";
import { reportClock } from "../reports/report-clock";
import type { ReportFilter } from "../reports/rollups";
import type { Budget } from "./budget-book";
import type { BudgetStatus } from "./current-periods";

export interface BudgetForecast {
  method: string;
  basedOnDays: number;
  /** Committed spend expected by the period's end (what is committed now plus the projection), 90 % range. */
  periodEnd: MicrosRange;
  /** When committed plus held spend reaches the limit. */
  reachesLimit: ReachDates;
  /** The expected reach comes before the period ends: the budget is projected to run out. */
  runsOutBeforePeriodEnd: boolean;
}

/** The usage a budget counts, as report filters (its scope). */
function scopeFilter(budget: Budget): ReportFilter {
  switch (budget.scope) {
    case "organization":
      return {};
    case "department":
      return { department: [budget.departmentId!] };
    case "project":
      return { project: [budget.projectId!] };
    case "agent":
      return { agent: [budget.agentId!] };
    case "user":
      return { user: [budget.userRef!] };
  }
}

/**
 * The trend forecast (server/reports/forecast.ts) of a budget's scope to the end of its current
 * period: projected spend with its range and when the limit is reached. The list's and the alert
 * e-mails' "projected reach" (projection.ts, the period's average rate) stays the cheap figure
 * computed inside spending transactions; this one reads the rollups, for the budget's page.
 */
export async function forecastBudget(db: DbOrTx, principal: MemberPrincipal, budget: Budget, status: BudgetStatus): Promise<BudgetForecast | null> {
  if (!status.periodEnd) return null;
  const clock = await reportClock(db, principal.orgId);
  const committed = status.spentMicros;
  const left = Math.max(0, status.limitMicros - committed - status.heldMicros);
  const { forecast } = await forecastFor(db, principal, scopeFilter(budget), clock, status.periodEnd, left);
  const reachesLimit = reachDates(clock.now, forecast.reach);
  return {
    method: forecast.method,
    basedOnDays: forecast.basedOnDays,
    periodEnd: {
      expected: committed + forecast.toHorizon.expected,
      low: committed + forecast.toHorizon.low,
      high: committed + forecast.toHorizon.high,
    },
    reachesLimit,
    runsOutBeforePeriodEnd: reachesLimit.expected !== null && reachesLimit.expected < status.periodEnd.toISOString(),
  };
}
