import { checkedValues, textValue } from "@/app/_lib/form-values";
import { parseScaled } from "@/app/_lib/scaled-decimal";
import { MODE_LABELS, RECIPIENT_ROLES, type BudgetMode } from "./budget-labels";

/** The procedures name fields by their API names; the forms by what a person types. */
export const BUDGET_FORM_FIELDS = { limitMicros: "limit" };

const MAX_THRESHOLDS = 10;
const MAX_EMAILS = 20;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

type FieldErrors = Record<string, string>;

/** Credits typed as a decimal → micro-credits, exactly, and more than zero. */
export function readLimit(formData: FormData, fieldErrors: FieldErrors): number {
  const text = textValue(formData, "limit");
  const parsed = text ? parseScaled(text, 6, "The limit") : { error: "Enter the limit in credits" };
  if ("error" in parsed) fieldErrors.limit = parsed.error;
  else if (parsed.value <= 0) fieldErrors.limit = "The limit must be more than zero credits";
  return "value" in parsed ? parsed.value : 0;
}

function readThresholds(formData: FormData, fieldErrors: FieldErrors): number[] {
  const texts = textValue(formData, "thresholds")
    .split(",")
    .map((text) => text.trim())
    .filter(Boolean);
  if (texts.length === 0) fieldErrors.thresholds = "Keep at least one threshold";
  else if (texts.length > MAX_THRESHOLDS) fieldErrors.thresholds = `At most ${MAX_THRESHOLDS} thresholds`;
  else if (texts.some((text) => !/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 100)) {
    fieldErrors.thresholds = "Each threshold is a whole percentage from 1 to 100";
  }
  return texts.map(Number);
}

function readEmails(formData: FormData, fieldErrors: FieldErrors): string[] {
  const emails = textValue(formData, "notifyEmails").split(/[\s,;]+/).filter(Boolean);
  const wrong = emails.filter((email) => !EMAIL.test(email));
  if (wrong.length > 0) fieldErrors.notifyEmails = `Not an e-mail address: ${wrong.join(", ")}`;
  else if (emails.length > MAX_EMAILS) fieldErrors.notifyEmails = `At most ${MAX_EMAILS} addresses`;
  return emails;
}

/** The fields creating and editing share: name, limit, thresholds, mode and recipients. */
export function readBudgetSettings(formData: FormData, fieldErrors: FieldErrors) {
  const name = textValue(formData, "name");
  if (!name) fieldErrors.name = "Give the budget a name";
  const mode = textValue(formData, "mode");
  if (!(mode in MODE_LABELS)) fieldErrors.mode = "Choose alert or pause";
  const roles: string[] = RECIPIENT_ROLES.map((role) => role.value);
  return {
    name,
    limitMicros: readLimit(formData, fieldErrors),
    thresholds: readThresholds(formData, fieldErrors),
    mode: mode as BudgetMode,
    notifyRoles: checkedValues(formData, "notifyRoles").filter((role) => roles.includes(role)) as ("admin" | "finance" | "department_head")[],
    notifyEmails: readEmails(formData, fieldErrors),
  };
}
