"use client";

import { TextAreaField } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { SlugNameFields } from "../../_components/slug-name-fields";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { createAgent } from "./actions";
import { AgentPlacementFields, type PlacementOptions } from "./agent-placement-fields";

export function CreateAgentForm({ options }: { options: PlacementOptions }) {
  const form = useFormAction(createAgent);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <SlugNameFields noun="agent" field={form.field} />
      <AgentPlacementFields options={options} field={form.field} />
      <TextAreaField
        label="Description (optional)"
        {...form.field("description")}
        rows={2}
        maxLength={500}
        className="sm:col-span-2"
      />
      <FormFooter submitLabel="Add agent" pendingLabel="Adding…" result={form.result} />
    </form>
  );
}
