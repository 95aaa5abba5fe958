"use server";

import { actionError, type ActionResult } from "@/app/_lib/action-result";
import type { RouterInputs, RouterOutputs } from "@/server/api/root";
import { serverApi } from "@/server/api/server";
import { invalidFields, textValue } from "@/app/_lib/form-values";

export type Estimate = RouterOutputs["pricing"]["estimate"];

const TOKEN_FIELDS = ["inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens"] as const;

/** Prices a model call or an operation with pricing.estimate; `item` is "model:<name>" or "operation:<name>". */
export async function estimateCost(_previous: ActionResult<Estimate>, formData: FormData): Promise<ActionResult<Estimate>> {
  const text = (name: string) => textValue(formData, name);
  const [kind, ...rest] = text("item").split(":");
  const name = rest.join(":");
  if (!name || (kind !== "model" && kind !== "operation")) {
    return invalidFields({ item: "Choose a model or an operation" });
  }
  const input: RouterInputs["pricing"]["estimate"] = kind === "model" ? { model: name } : { operation: name };
  const fieldErrors: Record<string, string> = {};
  if (kind === "model") {
    for (const field of TOKEN_FIELDS) {
      const value = text(field);
      if (!value) continue;
      if (/^\d+$/.test(value)) input[field] = Number(value);
      else fieldErrors[field] = "A whole number of tokens";
    }
  } else if (text("quantity")) {
    input.quantity = text("quantity");
  }
  if (Object.keys(fieldErrors).length > 0) return invalidFields(fieldErrors);
  try {
    return { ok: true, data: await (await serverApi()).pricing.estimate(input) };
  } catch (error) {
    return actionError(error);
  }
}
