"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
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
        {...form.field("monthlyMinimum", contract.monthlyMinimum)}
        inputMode="decimal"
        required
        hint="Net purchases (after discounts, before tax) the organisation commits to each month."
      />
      <Field
        label="Discount (%)"
        {...form.field("commitmentDiscount", contract.commitmentDiscount)}
        inputMode="decimal"
        required
        hint="Off every purchase while the contract runs, after the volume tiers."
      />
      <Field label="First month" {...form.field("startMonth", contract.startMonth)} type="month" required hint="Calendar months in the organisation's time zone." />
      <Field label="Length (months)" {...form.field("months", contract.months)} type="number" min={1} max={120} step={1} required />
      <FormFooter submitLabel="Save contract" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
