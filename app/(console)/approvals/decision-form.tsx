"use client";

import { useState } from "react";
import { ActionMessage } from "@/app/_components/form/action-message";
import { TextAreaField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { secondaryButton } from "../admin/_components/button-styles";
import { decidePurchase } from "./actions";

type Decision = "approve" | "reject";

const CONFIRM = {
  approve: { label: "Confirm approval", pending: "Approving…", variant: "primary" },
  reject: { label: "Confirm rejection", pending: "Rejecting…", variant: "danger" },
} as const;

/**
 * Approve or reject, with a comment (required to reject); either asks once more, naming the
 * purchase, before it is sent. `summary` names it: "60,000 credits for $600.00 from Max Member".
 */
export function DecisionForm({ purchaseId, summary }: { purchaseId: string; summary: string }) {
  const [asking, setAsking] = useState<Decision | null>(null);
  const form = useFormAction(decidePurchase, () => setAsking(null));
  return (
    <form action={form.formAction} className="space-y-3">
      <input type="hidden" name="purchaseId" value={purchaseId} />
      <input type="hidden" name="decision" value={asking ?? ""} />
      <TextAreaField
        label="Comment"
        {...form.field("comment")}
        rows={2}
        maxLength={1000}
        hint="Optional to approve, required to reject. The requester sees it."
      />
      {asking === null ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={() => setAsking("approve")} className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700">
            Approve…<span className="sr-only"> {summary}</span>
          </button>
          <button type="button" onClick={() => setAsking("reject")} className={secondaryButton}>
            Reject…<span className="sr-only"> {summary}</span>
          </button>
        </div>
      ) : (
        <div role="group" aria-label="Confirm the decision" className="flex flex-wrap items-center gap-2 rounded-md bg-gray-50 p-3 dark:bg-gray-800">
          <span className="text-sm">
            {asking === "approve" ? "Approve" : "Reject"} {summary}?
          </span>
          <SubmitButton variant={CONFIRM[asking].variant} pendingLabel={CONFIRM[asking].pending}>
            {CONFIRM[asking].label}
          </SubmitButton>
          {/* Focus lands on the safe choice, so a stray Enter does not decide. */}
          <button type="button" autoFocus onClick={() => setAsking(null)} className={secondaryButton}>
            Cancel
          </button>
        </div>
      )}
      <ActionMessage result={form.result} />
    </form>
  );
}
