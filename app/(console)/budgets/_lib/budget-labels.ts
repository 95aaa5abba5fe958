import type { listBudgetsWithStatus } from "@/server/budgets/budget-detail";

/** A budget as budgets.list answers in-process (dates as Dates, not JSON strings). */
export type BudgetRow = Awaited<ReturnType<typeof listBudgetsWithStatus>>[number];
export type Budget = BudgetRow["budget"];
export type BudgetStatus = BudgetRow["status"];
export type BudgetScope = Budget["scope"];
export type BudgetPeriod = Budget["period"];
export type BudgetMode = Budget["mode"];

export const SCOPE_LABELS: Record<BudgetScope, string> = {
  organization: "Organisation",
  department: "Department",
  project: "Project",
  agent: "Agent",
  user: "User",
};

export const PERIOD_LABELS: Record<BudgetPeriod, string> = {
  day: "Day",
  week: "Week (from Monday)",
  month: "Month",
  quarter: "Quarter",
  year: "Year",
  custom: "Custom window",
};

export const MODE_LABELS: Record<BudgetMode, { label: string; description: string }> = {
  alert: { label: "Alert", description: "Notify only: spend continues past the limit." },
  pause: { label: "Pause", description: "Refuse spend that would take committed plus held credits past the limit." },
};

/** Who an alert can go to, besides extra addresses. */
export const RECIPIENT_ROLES = [
  { value: "admin", label: "Administrators" },
  { value: "finance", label: "Finance" },
  { value: "department_head", label: "Heads of the budget's department", description: "For department, project and agent budgets." },
] as const;

export const DEFAULT_THRESHOLDS = [50, 75, 90, 100];
