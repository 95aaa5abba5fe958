"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { saveApprovalRules } from "../actions";

/** Which purchases wait for finance, when a second approver is needed, and how long a request waits. */
export function ApprovalRulesForm({ defaults, currency }: { defaults: { threshold: string; secondThreshold: string; expiryHours: string }; currency: string }) {
  const form = useFormAction(saveApprovalRules);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field
        label={`Approval threshold (${currency})`}
        {...form.field("threshold", defaults.threshold)}
        inputMode="decimal"
        hint="Purchases whose total (tax included) is at or above this wait for a finance approval. Empty: none do."
      />
      <Field
        label={`Second approver from (${currency})`}
        {...form.field("secondThreshold", defaults.secondThreshold)}
        inputMode="decimal"
        hint="At or above this, two different finance members must approve. Empty: one is enough."
      />
      <Field
        label="Requests expire after (hours)"
        {...form.field("expiryHours", defaults.expiryHours)}
        type="number"
        min={1}
        max={8760}
        step={1}
        required
        hint="A request nobody decides in this time expires, and the requester is told."
      />
      <FormFooter submitLabel="Save approval rules" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
