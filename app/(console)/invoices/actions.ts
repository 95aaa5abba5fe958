"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";

/** Finance records the payment: the credits are granted at once, so every balance on every page changes. */
export async function markInvoicePaid(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.purchases.markPaid({ purchaseId: textValue(formData, "purchaseId"), reference: textValue(formData, "reference") || undefined }), {
    revalidate: "/",
    layout: true,
    message: "Marked paid. The credits are granted.",
  });
}
