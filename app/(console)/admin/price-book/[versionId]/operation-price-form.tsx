"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
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
  const value = (name: keyof OperationPriceDefaults) => form.value(name, current[name]);
  return (
    <form action={form.formAction} className="grid max-w-3xl gap-4 sm:grid-cols-3">
      <input type="hidden" name="versionId" value={versionId} />
      <input type="hidden" name="operation" value={current.operation} />
      <RateField label="Credits per unit" name="price" value={value("price")} error={form.error("price")} />
      <Field label="Unit" name="unit" required maxLength={50} defaultValue={value("unit")} hint="e.g. run, GB-day, call" error={form.error("unit")} />
      <Field label="Description" name="description" maxLength={500} defaultValue={value("description")} error={form.error("description")} />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-3">
        <SubmitButton pendingLabel="Saving…">{`Save ${current.operation}`}</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
