"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field, SelectField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
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
      <SelectField label="Metric" name="metric" options={metrics.map((m) => ({ value: m.slug, label: m.label }))} defaultValue={form.value("metric")} error={form.error("metric")} />
      <Field label="Quantity" name="quantity" required inputMode="decimal" placeholder="12" defaultValue={form.value("quantity")} error={form.error("quantity")} />
      <SelectField
        label="Agent (optional)"
        name="agent"
        options={[{ value: "", label: "No agent" }, ...agents.map((a) => ({ value: a.slug, label: a.label }))]}
        defaultValue={form.value("agent")}
        error={form.error("agent")}
      />
      <Field label="Day (optional)" name="day" type="date" hint="Default: now" defaultValue={form.value("day")} error={form.error("day") ?? form.error("timestamp")} />
      <Field label="Note (optional)" name="note" maxLength={500} defaultValue={form.value("note")} error={form.error("note")} />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-5">
        <SubmitButton pendingLabel="Recording…">Record outcome</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
