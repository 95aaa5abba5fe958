"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { setOperationPrice } from "./actions";
import { RateField } from "./rate-field";

export interface OperationPriceDefaults {
  operation: string;
  unit: string;
  description: string;
  /** Credits per unit, as a decimal. */
  price: string;
}

export function OperationPriceForm({ versionId, current }: { versionId: string; current: OperationPriceDefaults }) {
  const form = useFormAction(setOperationPrice);
  const field = (name: keyof OperationPriceDefaults) => form.field(name, current[name]);
  return (
    <form action={form.formAction} className="grid max-w-3xl gap-4 sm:grid-cols-3">
      <input type="hidden" name="versionId" value={versionId} />
      <input type="hidden" name="operation" value={current.operation} />
      <RateField label="Credits per unit" {...field("price")} />
      <Field label="Unit" {...field("unit")} required maxLength={50} hint="e.g. run, GB-day, call" />
      <Field label="Description" {...field("description")} maxLength={500} />
      <FormFooter submitLabel={`Save ${current.operation}`} pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
