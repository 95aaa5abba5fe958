"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { saveAutoTopUp } from "../actions";

interface AutoTopUpText {
  enabled: boolean;
  threshold: string;
  block: string;
  monthlyCap: string;
}

/** When the balance runs low, buy a block of credits — at most one at a time, within a monthly cap. */
export function AutoTopUpForm({ defaults, currency }: { defaults: AutoTopUpText; currency: string }) {
  const form = useFormAction(saveAutoTopUp);
  return (
    <form key={form.resetKey} action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <label className="flex items-start gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="enabled" defaultChecked={form.checked("enabled", "on", defaults.enabled)} className="mt-0.5 size-4 rounded border-gray-300 dark:border-gray-700" />
        <span>
          <span className="font-medium">Top up automatically</span>
          <span className="block text-gray-500 dark:text-gray-400">Administrators are e-mailed each time.</span>
        </span>
      </label>
      <Field
        label="When available credits fall below"
        {...form.field("threshold", defaults.threshold)}
        inputMode="decimal"
        hint="Available means posted minus held by reservations."
      />
      <Field label="Buy a block of (credits)" {...form.field("block", defaults.block)} inputMode="decimal" hint="Priced like any purchase: tiers, contract discount, tax." />
      <Field
        label={`Monthly cap (${currency})`}
        {...form.field("monthlyCap", defaults.monthlyCap)}
        inputMode="decimal"
        hint="Auto top-ups stop for the calendar month once their totals would pass this."
        className="sm:col-span-2"
      />
      <FormFooter submitLabel="Save auto top-up" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
