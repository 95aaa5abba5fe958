"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { saveApprovalRules } from "../actions";

/** Which purchases wait for finance, when a second approver is needed, and how long a request waits. */
export function ApprovalRulesForm({ defaults, currency }: { defaults: { threshold: string; secondThreshold: string; expiryHours: string }; currency: string }) {
  const form = useFormAction(saveApprovalRules);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field
        label={`Approval threshold (${currency})`}
        name="threshold"
        inputMode="decimal"
        defaultValue={form.value("threshold", defaults.threshold)}
        error={form.error("threshold")}
        hint="Purchases whose total (tax included) is at or above this wait for a finance approval. Empty: none do."
      />
      <Field
        label={`Second approver from (${currency})`}
        name="secondThreshold"
        inputMode="decimal"
        defaultValue={form.value("secondThreshold", defaults.secondThreshold)}
        error={form.error("secondThreshold")}
        hint="At or above this, two different finance members must approve. Empty: one is enough."
      />
      <Field
        label="Requests expire after (hours)"
        name="expiryHours"
        type="number"
        min={1}
        max={8760}
        step={1}
        required
        defaultValue={form.value("expiryHours", defaults.expiryHours)}
        error={form.error("expiryHours")}
        hint="A request nobody decides in this time expires, and the requester is told."
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">Save approval rules</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
