"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { saveCommitment } from "./actions";

export interface CommitmentText {
  monthlyMinimum: string;
  months: string;
  commitmentDiscount: string;
  startMonth: string;
}

/** A committed-use contract: at least this much each month, for so many months, in return for a discount. */
export function CommitmentForm({ contract, currency }: { contract: CommitmentText; currency: string }) {
  const form = useFormAction(saveCommitment);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field
        label={`Monthly minimum (${currency})`}
        name="monthlyMinimum"
        inputMode="decimal"
        required
        defaultValue={form.value("monthlyMinimum", contract.monthlyMinimum)}
        error={form.error("monthlyMinimum")}
        hint="Net purchases (after discounts, before tax) the organisation commits to each month."
      />
      <Field
        label="Discount (%)"
        name="commitmentDiscount"
        inputMode="decimal"
        required
        defaultValue={form.value("commitmentDiscount", contract.commitmentDiscount)}
        error={form.error("commitmentDiscount")}
        hint="Off every purchase while the contract runs, after the volume tiers."
      />
      <Field
        label="First month"
        name="startMonth"
        type="month"
        required
        defaultValue={form.value("startMonth", contract.startMonth)}
        error={form.error("startMonth")}
        hint="Calendar months in the organisation's time zone."
      />
      <Field
        label="Length (months)"
        name="months"
        type="number"
        min={1}
        max={120}
        step={1}
        required
        defaultValue={form.value("months", contract.months)}
        error={form.error("months")}
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">Save contract</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
