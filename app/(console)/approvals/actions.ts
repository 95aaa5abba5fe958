"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { invalidFields, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";

/** The inbox, its count in the navigation, the purchase's pages and (once paid) the balance change. */
const REFRESH = { revalidate: "/", layout: true } as const;

/** Finance approves or rejects a pending purchase; the server refuses the requester and anyone but finance. */
export async function decidePurchase(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const purchaseId = textValue(formData, "purchaseId");
  const comment = textValue(formData, "comment");
  const decision = textValue(formData, "decision");
  if (decision === "reject") {
    if (!comment) return invalidFields({ comment: "Say why it is rejected; the requester is told" });
    return mutate((api) => api.approvals.reject({ purchaseId, comment }), { ...REFRESH, message: "Rejected. The requester is told by e-mail." });
  }
  if (decision !== "approve") return { ok: false, error: "Choose to approve or to reject." };
  const result = await mutate((api) => api.approvals.approve({ purchaseId, comment: comment || undefined }), { ...REFRESH, data: (row) => row.status });
  if (!result.ok) return result;
  return {
    ok: true,
    message: result.data === "pending_approval" ? "Approved. It now waits for a second finance approver." : "Approved. The invoice is issued and the requester is told.",
  };
}
