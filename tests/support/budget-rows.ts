import type { Budget } from "../../server/budgets/budget-book";
import type { Attribution } from "../../server/usage/attribution";

/** A budget row as the database returns it, for pure tests: an organisation budget unless overridden. */
export function budgetRow(overrides: Partial<Budget> = {}): Budget {
  return {
    orgId: "00000000-0000-4000-8000-000000000000",
    id: "00000000-0000-4000-8000-000000000001",
    name: "Budget",
    scope: "organization",
    departmentId: null,
    projectId: null,
    agentId: null,
    userRef: null,
    period: "month",
    windowStart: null,
    windowEnd: null,
    limitMicros: 1_000,
    thresholds: [50, 75, 90, 100],
    mode: "alert",
    notifyRoles: ["admin"],
    notifyEmails: [],
    createdByMemberId: null,
    createdAt: new Date("2026-01-01T00:00:00.000Z"),
    archivedAt: null,
    ...overrides,
  };
}

/** An action's resolved attribution: nothing unless given. */
export function attributionOf(overrides: Partial<Attribution> = {}): Attribution {
  return { departmentId: null, projectId: null, agentId: null, userRef: null, taskType: null, workflow: null, outcomeRef: null, ...overrides };
}
