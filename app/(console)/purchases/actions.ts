"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/app/_lib/action-result";
import { invalidFields, renameFieldErrors, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import { serverApi } from "@/server/api/server";
import { AMOUNT_FIELD_NAMES, readPurchaseAmount } from "./_lib/read-purchase-amount";

/** Purchases show in the history, the approvals inbox and its count in the navigation, and (once paid) the balance. */
const REFRESH = { revalidate: "/", layout: true } as const;

/**
 * Requests a purchase through purchases.create. The idempotency key comes with the page, so a
 * resubmitted form (a retry after a lost answer) has one effect.
 */
export async function createPurchase(_previous: ActionResult<string>, formData: FormData): Promise<ActionResult<string>> {
  const { currency } = await (await serverApi()).purchases.settings();
  const read = readPurchaseAmount({ by: textValue(formData, "by"), amount: textValue(formData, "amount"), annual: formData.get("annual") === "on" }, currency);
  if ("fieldErrors" in read) return invalidFields(read.fieldErrors);
  const result = await mutate(
    (api) => api.purchases.create({ idempotencyKey: textValue(formData, "idempotencyKey"), ...read.input, note: textValue(formData, "note") || undefined }),
    { ...REFRESH, data: (created) => created.purchase.id },
  );
  if (result.ok && result.data) redirect(`/purchases/${result.data}`);
  return renameFieldErrors(result, AMOUNT_FIELD_NAMES);
}

/** The requester withdraws a pending request, or finance voids an unpaid invoice. */
export async function cancelPurchase(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.purchases.cancel({ purchaseId: textValue(formData, "purchaseId"), reason: textValue(formData, "reason") || undefined }), {
    ...REFRESH,
    message: "Cancelled.",
  });
}
