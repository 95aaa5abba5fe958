"use client";

import { Field, SelectField } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { recordOutcomeAction } from "./actions";

/** Manual outcome entry; `idempotencyKey` is fresh each time the page is drawn, so a double submit records once. */
export function RecordOutcomeForm({
  metrics,
  agents,
  idempotencyKey,
}: {
  metrics: { slug: string; label: string }[];
  agents: { slug: string; label: string }[];
  idempotencyKey: string;
}) {
  const form = useFormAction(recordOutcomeAction);
  return (
    <form action={form.formAction} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" aria-label="Record an outcome">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <SelectField label="Metric" {...form.field("metric")} options={metrics.map((m) => ({ value: m.slug, label: m.label }))} />
      <Field label="Quantity" {...form.field("quantity")} required inputMode="decimal" placeholder="12" />
      <SelectField
        label="Agent (optional)"
        {...form.field("agent")}
        options={[{ value: "", label: "No agent" }, ...agents.map((a) => ({ value: a.slug, label: a.label }))]}
      />
      <Field label="Day (optional)" name="day" type="date" hint="Default: now" defaultValue={form.value("day")} error={form.error("day") ?? form.error("timestamp")} />
      <Field label="Note (optional)" {...form.field("note")} maxLength={500} />
      <FormFooter submitLabel="Record outcome" pendingLabel="Recording…" result={form.result} />
    </form>
  );
}
