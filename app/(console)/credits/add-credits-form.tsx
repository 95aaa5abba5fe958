"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field, SelectField, TextAreaField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { addCredits } from "./actions";

const KINDS = [
  { value: "adjustment", label: "Adjustment" },
  { value: "promotion", label: "Promotion" },
];

/** Credits in: a grant of `kind`, burned by priority (lower first), then soonest expiry. */
export function AddCreditsForm({ today }: { today: string }) {
  const form = useFormAction(addCredits);
  return (
    <form action={form.formAction} className="space-y-4" aria-labelledby="add-credits">
      <h2 id="add-credits" className="text-lg font-medium">
        Add credits
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Amount (credits)" {...form.field("amount")} inputMode="decimal" required hint="Up to 6 decimal places" />
        <SelectField key={form.resetKey} label="Kind" {...form.field("kind", "adjustment")} options={KINDS} />
        <Field
          label="Priority (optional)"
          {...form.field("priority")}
          type="number"
          min={0}
          max={1000}
          step={1}
          hint="Lower is spent first; default by kind"
        />
        <Field
          label="Expires after (optional)"
          {...form.field("expiresOn")}
          type="date"
          min={today}
          hint="Usable through this day"
        />
      </div>
      <TextAreaField label="Memo" {...form.field("memo")} rows={2} required maxLength={500} hint="Why, for the audit trail" />
      <SubmitButton pendingLabel="Adding…">Add credits</SubmitButton>
      <ActionMessage result={form.result} />
    </form>
  );
}
