"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { saveDiscountRates } from "./actions";

/** The annual-prepay discount and the tax rate, in percent. */
export function DiscountRatesForm({ annualDiscount, taxRate }: { annualDiscount: string; taxRate: string }) {
  const form = useFormAction(saveDiscountRates);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field
        label="Annual-prepay discount (%)"
        name="annualDiscount"
        inputMode="decimal"
        required
        defaultValue={form.value("annualDiscount", annualDiscount)}
        error={form.error("annualDiscount")}
        hint="For purchases marked annual prepay, whose credits expire after 12 months. 0 offers none."
      />
      <Field
        label="Tax rate (%)"
        name="taxRate"
        inputMode="decimal"
        required
        defaultValue={form.value("taxRate", taxRate)}
        error={form.error("taxRate")}
        hint="Charged on the net, after every discount."
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">Save discount and tax</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
