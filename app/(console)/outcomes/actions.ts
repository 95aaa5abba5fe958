"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { invalidFields, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import { parseScaled } from "@/app/_lib/scaled-decimal";
import { currencyMinorDigits } from "../admin/_lib/currency";

const PATH = "/outcomes";

/** A money amount typed in major units ("4.00") as minor units of the form's currency. */
function readValuePerUnit(formData: FormData): { value: number } | { error: string } {
  const text = textValue(formData, "value");
  if (!text) return { error: "Value per unit is required" };
  return parseScaled(text, currencyMinorDigits(textValue(formData, "currency") || "USD"), "Value per unit");
}

export async function createMetricAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const value = readValuePerUnit(formData);
  if ("error" in value) return invalidFields({ value: value.error });
  return mutate(
    (api) =>
      api.outcomes.createMetric({
        departmentId: textValue(formData, "departmentId"),
        slug: textValue(formData, "slug"),
        name: textValue(formData, "name"),
        unit: textValue(formData, "unit"),
        valuePerUnitMinor: value.value,
      }),
    { revalidate: PATH, message: "Metric added." },
  );
}

export async function updateMetricAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const value = readValuePerUnit(formData);
  if ("error" in value) return invalidFields({ value: value.error });
  return mutate(
    (api) => api.outcomes.updateMetric({ metricId: textValue(formData, "metricId"), valuePerUnitMinor: value.value, archived: formData.get("archived") === "on" }),
    { revalidate: PATH, message: "Saved. Outcomes already recorded keep their value." },
  );
}

/** Manual entry: the form carries an idempotency key made when it was drawn, so a double submit records once. */
export async function recordOutcomeAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const day = textValue(formData, "day");
  if (day && !/^\d{4}-\d{2}-\d{2}$/.test(day)) return invalidFields({ day: "Pick a date" });
  // Noon UTC of the chosen day (inside that calendar day from UTC−11 to UTC+11); today, before noon, is now.
  const noon = day ? new Date(`${day}T12:00:00Z`) : undefined;
  const timestamp = noon && noon.getTime() < Date.now() ? noon.toISOString() : undefined;
  return mutate(
    (api) =>
      api.outcomes.record({
        idempotencyKey: textValue(formData, "idempotencyKey"),
        metric: textValue(formData, "metric"),
        quantity: textValue(formData, "quantity"),
        agent: textValue(formData, "agent") || undefined,
        timestamp,
        note: textValue(formData, "note") || undefined,
      }),
    { revalidate: PATH, message: "Outcome recorded." },
  );
}
