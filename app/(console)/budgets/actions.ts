"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/app/_lib/action-result";
import { formatCredits } from "@/app/_lib/format";
import { invalidFields, renameFieldErrors, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import type { RouterInputs } from "@/server/api/root";
import { serverApi } from "@/server/api/server";
import { wallTimeToInstant } from "../admin/_lib/zoned-time";
import { PERIOD_LABELS, SCOPE_LABELS, type BudgetPeriod, type BudgetScope } from "./_lib/budget-labels";
import { BUDGET_FORM_FIELDS, readBudgetSettings, readLimit } from "./_lib/read-budget-form";

/** Budgets show on the list, their own pages and the alert feed; the nav counts alerts. */
const REFRESH = { revalidate: "/", layout: true } as const;

type CreateInput = RouterInputs["budgets"]["create"];

const TARGET_FIELDS: Partial<Record<BudgetScope, { field: "departmentId" | "projectId" | "agentId" | "userRef"; missing: string }>> = {
  department: { field: "departmentId", missing: "Choose the department" },
  project: { field: "projectId", missing: "Choose the project" },
  agent: { field: "agentId", missing: "Choose the agent" },
  user: { field: "userRef", missing: "Enter the user reference that usage carries" },
};

/** What the budget is on: its scope kind and the one department, project, agent or user it names. */
function readTarget(formData: FormData, fieldErrors: Record<string, string>): Pick<CreateInput, "scope" | "departmentId" | "projectId" | "agentId" | "userRef"> {
  const scope = textValue(formData, "scope") as BudgetScope;
  if (!(scope in SCOPE_LABELS)) {
    fieldErrors.scope = "Choose what the budget limits";
    return { scope: "organization" };
  }
  const target = TARGET_FIELDS[scope];
  if (!target) return { scope };
  const value = textValue(formData, target.field);
  if (!value) fieldErrors[target.field] = target.missing;
  return { scope, [target.field]: value };
}

/** The period; a custom window's wall-clock times are read in the organisation's time zone. */
function readPeriod(formData: FormData, timeZone: string, fieldErrors: Record<string, string>): Pick<CreateInput, "period" | "windowStart" | "windowEnd"> {
  const period = textValue(formData, "period") as BudgetPeriod;
  if (!(period in PERIOD_LABELS)) {
    fieldErrors.period = "Choose a period";
    return { period: "month" };
  }
  if (period !== "custom") return { period };
  const start = wallTimeToInstant(textValue(formData, "windowStart"), timeZone);
  const end = wallTimeToInstant(textValue(formData, "windowEnd"), timeZone);
  if (!start) fieldErrors.windowStart = "Enter when the window starts";
  if (!end) fieldErrors.windowEnd = "Enter when the window ends";
  if (start && end && end <= start) fieldErrors.windowEnd = "The window must end after it starts";
  return { period, windowStart: start?.toISOString(), windowEnd: end?.toISOString() };
}

export async function createBudget(_previous: ActionResult<string>, formData: FormData): Promise<ActionResult<string>> {
  const { timeZone } = await (await serverApi()).org.get();
  const fieldErrors: Record<string, string> = {};
  const input: CreateInput = { ...readBudgetSettings(formData, fieldErrors), ...readTarget(formData, fieldErrors), ...readPeriod(formData, timeZone, fieldErrors) };
  if (Object.keys(fieldErrors).length > 0) return invalidFields(fieldErrors);
  const result = await mutate((api) => api.budgets.create(input), { ...REFRESH, data: (budget) => budget.id });
  if (result.ok && result.data) redirect(`/budgets/${result.data}`);
  return renameFieldErrors(result, BUDGET_FORM_FIELDS);
}

export async function updateBudget(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const fieldErrors: Record<string, string> = {};
  const settings = readBudgetSettings(formData, fieldErrors);
  if (Object.keys(fieldErrors).length > 0) return invalidFields(fieldErrors);
  const result = await mutate((api) => api.budgets.update({ budgetId: textValue(formData, "budgetId"), ...settings }), {
    ...REFRESH,
    message: "Saved. Thresholds already passed in this period are alerted now.",
  });
  return renameFieldErrors(result, BUDGET_FORM_FIELDS);
}

/** The detail page's quick form: a higher limit for a budget that is close to or at its limit. */
export async function raiseLimit(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const fieldErrors: Record<string, string> = {};
  const limitMicros = readLimit(formData, fieldErrors);
  if (!fieldErrors.limit && limitMicros <= Number(textValue(formData, "currentLimitMicros"))) {
    fieldErrors.limit = "Enter more than the current limit (edit the budget to lower it)";
  }
  if (Object.keys(fieldErrors).length > 0) return invalidFields(fieldErrors);
  const result = await mutate((api) => api.budgets.update({ budgetId: textValue(formData, "budgetId"), limitMicros }), {
    ...REFRESH,
    message: `Limit raised to ${formatCredits(limitMicros)} credits.`,
  });
  return renameFieldErrors(result, BUDGET_FORM_FIELDS);
}

export async function setBudgetArchived(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.budgets.update({ budgetId: textValue(formData, "budgetId"), archived: textValue(formData, "archived") === "true" }), REFRESH);
}

/** Lets a paused scope spend past the limit until the period ends. */
export async function resumeBudget(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.budgets.resume({ budgetId: textValue(formData, "budgetId") }), REFRESH);
}
