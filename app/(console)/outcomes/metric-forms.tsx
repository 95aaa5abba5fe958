"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field, SelectField } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { createMetricAction, updateMetricAction } from "./actions";

/** A new outcome metric for one of the departments the member manages. */
export function CreateMetricForm({ departments, currency }: { departments: { id: string; name: string }[]; currency: string }) {
  const form = useFormAction(createMetricAction);
  return (
    <form action={form.formAction} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" aria-label="New outcome metric">
      <input type="hidden" name="currency" value={currency} />
      <SelectField label="Department" {...form.field("departmentId")} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
      <Field label="Name" {...form.field("name")} required maxLength={100} placeholder="Tickets deflected" />
      <Field label="Slug" {...form.field("slug")} required maxLength={63} placeholder="tickets-deflected" hint="What outcomes.record names" />
      <Field label="Unit" {...form.field("unit")} required maxLength={40} placeholder="ticket" />
      <Field label={`Value per unit (${currency})`} name="value" required inputMode="decimal" placeholder="4.00" defaultValue={form.value("value")} error={form.error("value") ?? form.error("valuePerUnitMinor")} />
      <FormFooter submitLabel="Add metric" pendingLabel="Adding…" result={form.result} />
    </form>
  );
}

/** A metric's value per unit and whether it is archived (past outcomes keep the value they were recorded with). */
export function EditMetricForm({ metric, currency }: { metric: { id: string; name: string; value: string; archived: boolean }; currency: string }) {
  const form = useFormAction(updateMetricAction);
  return (
    <form action={form.formAction} className="flex flex-wrap items-end gap-2" aria-label={`Edit ${metric.name}`}>
      <input type="hidden" name="metricId" value={metric.id} />
      <input type="hidden" name="currency" value={currency} />
      <Field label={`Value per unit (${currency})`} {...form.field("value", metric.value)} inputMode="decimal" className="w-36" />
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="archived" defaultChecked={metric.archived} /> Archived
      </label>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save
      </SubmitButton>
      <ActionMessage result={form.result} />
    </form>
  );
}
