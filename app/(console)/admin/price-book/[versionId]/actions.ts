"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/app/_lib/action-result";
import { serverApi } from "@/server/api/server";
import { invalidFields, renameFieldErrors, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import { scaledFieldReader } from "@/app/_lib/scaled-decimal";
import { wallTimeToInstant } from "../../_lib/zoned-time";

const versionPath = (formData: FormData) => `/admin/price-book/${textValue(formData, "versionId")}`;

/** Rates are typed in credits (per 1M tokens, or per unit) and stored in micro-credits, exactly. */
const MICROS = 6;

export async function setModelPrice(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const rates = scaledFieldReader(formData, MICROS);
  const price = {
    model: textValue(formData, "model"),
    provider: textValue(formData, "provider"),
    mode: textValue(formData, "mode") || "chat",
    inputMicrosPerMillionTokens: rates.read("input", "The input rate"),
    outputMicrosPerMillionTokens: rates.read("output", "The output rate"),
    cachedInputMicrosPerMillionTokens: rates.readOptional("cachedInput", "The cached input rate"),
    cacheWriteMicrosPerMillionTokens: rates.readOptional("cacheWrite", "The cache write rate"),
  };
  if (Object.keys(rates.fieldErrors).length > 0) return invalidFields(rates.fieldErrors);
  const result = await mutate((api) => api.pricing.setModelPrice({ versionId: textValue(formData, "versionId"), price }), {
    revalidate: versionPath(formData),
    message: `${price.model} saved.`,
  });
  return renameFieldErrors(result, {
    "price.model": "model",
    "price.provider": "provider",
    "price.mode": "mode",
    "price.inputMicrosPerMillionTokens": "input",
    "price.outputMicrosPerMillionTokens": "output",
    "price.cachedInputMicrosPerMillionTokens": "cachedInput",
    "price.cacheWriteMicrosPerMillionTokens": "cacheWrite",
  });
}

export async function removeModelPrice(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.pricing.removeModelPrice({ versionId: textValue(formData, "versionId"), model: textValue(formData, "model") }), {
    revalidate: versionPath(formData),
  });
}

export async function setOperationPrice(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const rates = scaledFieldReader(formData, MICROS);
  const price = {
    operation: textValue(formData, "operation"),
    unit: textValue(formData, "unit"),
    description: textValue(formData, "description"),
    microsPerUnit: rates.read("price", "The price"),
  };
  if (Object.keys(rates.fieldErrors).length > 0) return invalidFields(rates.fieldErrors);
  const result = await mutate((api) => api.pricing.setOperationPrice({ versionId: textValue(formData, "versionId"), price }), {
    revalidate: versionPath(formData),
    message: `${price.operation} saved.`,
  });
  return renameFieldErrors(result, { "price.unit": "unit", "price.description": "description", "price.microsPerUnit": "price" });
}

export async function publishVersion(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  let effectiveFrom: string | undefined;
  if (textValue(formData, "when") === "later") {
    // The time is typed in the organisation's time zone, like every date the console shows.
    const { timeZone } = await (await serverApi()).org.get();
    const instant = wallTimeToInstant(textValue(formData, "effectiveAt"), timeZone);
    if (!instant) return invalidFields({ effectiveAt: "Choose a date and time" });
    effectiveFrom = instant.toISOString();
  }
  const result = await mutate((api) => api.pricing.publish({ versionId: textValue(formData, "versionId"), effectiveFrom }), {
    // Prices show across the console (pricing, estimates), not only in the price book.
    revalidate: "/",
    layout: true,
    message: effectiveFrom ? "Published; it takes effect at the chosen time." : "Published; it is in force now.",
  });
  return renameFieldErrors(result, { effectiveFrom: "effectiveAt" });
}

export async function discardDraft(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await mutate((api) => api.pricing.discardDraft({ versionId: textValue(formData, "versionId") }), {
    revalidate: "/admin/price-book",
  });
  if (!result.ok) return result;
  redirect("/admin/price-book");
}
