"use server";

import { addDays, isCalendarDay, startOfDayInZone } from "@/app/_components/filters/zoned-dates";
import type { ActionResult } from "@/app/_lib/action-result";
import { formatCredits } from "@/app/_lib/format";
import { invalidFields, renameFieldErrors, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import { parseScaled } from "@/app/_lib/scaled-decimal";

/** The procedures name fields by their API names; the forms by what a person types. */
const FORM_FIELDS = { amountMicros: "amount", expiresAt: "expiresOn" };

/** The balance shows on the overview too, so every page under the console layout is refreshed. */
const REFRESH = { revalidate: "/", layout: true } as const;

/** Credits typed as a decimal ("25", "0.5") → micro-credits, exactly, and more than zero. */
function readAmount(formData: FormData, fieldErrors: Record<string, string>): number {
  const text = textValue(formData, "amount");
  const parsed = text ? parseScaled(text, 6, "The amount") : { error: "Enter an amount in credits" };
  if ("error" in parsed) fieldErrors.amount = parsed.error;
  else if (parsed.value <= 0) fieldErrors.amount = "Enter more than zero credits";
  return "value" in parsed ? parsed.value : 0;
}

/** An administrator's grant through credits.grant; the expiry is the end of the chosen day in the organisation's time zone. */
export async function addCredits(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const fieldErrors: Record<string, string> = {};
  const amountMicros = readAmount(formData, fieldErrors);
  const kind = textValue(formData, "kind");
  if (kind !== "adjustment" && kind !== "promotion") fieldErrors.kind = "Choose adjustment or promotion";
  const priority = textValue(formData, "priority");
  if (priority && !/^\d{1,4}$/.test(priority)) fieldErrors.priority = "A whole number from 0 to 1000";
  const expiresOn = textValue(formData, "expiresOn");
  if (expiresOn && !isCalendarDay(expiresOn)) fieldErrors.expiresOn = "A date such as 2030-12-31";
  const memo = textValue(formData, "memo");
  if (!memo) fieldErrors.memo = "Say why, for the audit trail";
  if (Object.keys(fieldErrors).length > 0) return invalidFields(fieldErrors);

  const result = await mutate(
    async (api) =>
      api.credits.grant({
        amountMicros,
        kind: kind as "adjustment" | "promotion",
        priority: priority ? Number(priority) : undefined,
        expiresAt: expiresOn ? startOfDayInZone(addDays(expiresOn, 1), (await api.org.get()).timeZone).toISOString() : undefined,
        memo,
      }),
    { ...REFRESH, message: `Added ${formatCredits(amountMicros)} credits (${kind}).` },
  );
  return renameFieldErrors(result, FORM_FIELDS);
}

/** An administrator's correction the other way, through credits.remove: never more than is available. */
export async function removeCredits(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const fieldErrors: Record<string, string> = {};
  const amountMicros = readAmount(formData, fieldErrors);
  const memo = textValue(formData, "memo");
  if (!memo) fieldErrors.memo = "Say why, for the audit trail";
  if (Object.keys(fieldErrors).length > 0) return invalidFields(fieldErrors);

  const result = await mutate((api) => api.credits.remove({ amountMicros, memo }), {
    ...REFRESH,
    message: `Removed ${formatCredits(amountMicros)} credits.`,
  });
  return renameFieldErrors(result, FORM_FIELDS);
}
