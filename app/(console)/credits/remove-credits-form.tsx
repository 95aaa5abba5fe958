"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field, TextAreaField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { removeCredits } from "./actions";

/** Credits out: burned from the open grants in the usual order; held credits cannot be removed. */
export function RemoveCreditsForm() {
  const form = useFormAction(removeCredits);
  return (
    <form action={form.formAction} className="space-y-4" aria-labelledby="remove-credits">
      <h2 id="remove-credits" className="text-lg font-medium">
        Remove credits
      </h2>
      <Field label="Amount (credits)" {...form.field("amount")} inputMode="decimal" required hint="At most the available balance" />
      <TextAreaField label="Memo" {...form.field("memo")} rows={2} required maxLength={500} hint="Why, for the audit trail" />
      <SubmitButton pendingLabel="Removing…" variant="danger">
        Remove credits
      </SubmitButton>
      <ActionMessage result={form.result} />
    </form>
  );
}
