"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { saveDiscountRates } from "./actions";

/** The annual-prepay discount and the tax rate, in percent. */
export function DiscountRatesForm({ annualDiscount, taxRate }: { annualDiscount: string; taxRate: string }) {
  const form = useFormAction(saveDiscountRates);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field
        label="Annual-prepay discount (%)"
        {...form.field("annualDiscount", annualDiscount)}
        inputMode="decimal"
        required
        hint="For purchases marked annual prepay, whose credits expire after 12 months. 0 offers none."
      />
      <Field label="Tax rate (%)" {...form.field("taxRate", taxRate)} inputMode="decimal" required hint="Charged on the net, after every discount." />
      <FormFooter submitLabel="Save discount and tax" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
