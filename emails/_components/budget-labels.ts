import type { BudgetAlertPayload } from "../../server/outbox/email-payloads";

/** What a budget covers, in words: "department" → "a department". */
export const SCOPE_WORDS: Record<BudgetAlertPayload["scope"], string> = {
  organization: "the whole organisation",
  department: "a department",
  project: "a project",
  agent: "an agent",
  user: "one user",
};

export const budgetHref = (appUrl: string, budgetId: string) => `${appUrl}/budgets/${budgetId}`;
