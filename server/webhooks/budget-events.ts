import type { Budget, Crossing } from "../budgets/budget-book";
import type { WebhookEventInput } from "./emit";

/** Which budget, and what it limits: the part every budget event's `data` shares. */
function budgetData(budget: Budget) {
  return {
    budgetId: budget.id,
    budgetName: budget.name,
    scope: budget.scope,
    departmentId: budget.departmentId,
    projectId: budget.projectId,
    agentId: budget.agentId,
    userRef: budget.userRef,
    mode: budget.mode,
    limitMicros: budget.limitMicros,
  };
}

const periodData = (periodStart: Date, periodEnd: Date) => ({ periodStart: periodStart.toISOString(), periodEnd: periodEnd.toISOString() });

export function thresholdCrossedEvent(alertId: string, crossing: Crossing, projectedExhaustionAt: Date | null): WebhookEventInput {
  return {
    type: "budget.threshold_crossed",
    key: alertId,
    data: {
      alertId,
      ...budgetData(crossing.budget),
      thresholdPercent: crossing.thresholdPercent,
      spentMicros: crossing.spentMicros,
      ...periodData(crossing.periodStart, crossing.periodEnd),
      projectedExhaustionAt: projectedExhaustionAt?.toISOString() ?? null,
    },
  };
}

/** Once per budget and period: spend in its scope is refused from now until resumed or the period ends. */
export function budgetPausedEvent(crossing: Crossing): WebhookEventInput {
  return {
    type: "budget.paused",
    key: `${crossing.budget.id}:${crossing.periodStart.toISOString()}`,
    data: { ...budgetData(crossing.budget), spentMicros: crossing.spentMicros, ...periodData(crossing.periodStart, crossing.periodEnd) },
  };
}

/** Once per budget and period: spend in its scope is allowed past the limit until the period ends. */
export function budgetResumedEvent(budget: Budget, periodStart: Date, periodEnd: Date, resumedByMemberId: string, spentMicros: number): WebhookEventInput {
  return {
    type: "budget.resumed",
    key: `${budget.id}:${periodStart.toISOString()}`,
    data: { ...budgetData(budget), spentMicros, resumedByMemberId, ...periodData(periodStart, periodEnd) },
  };
}
