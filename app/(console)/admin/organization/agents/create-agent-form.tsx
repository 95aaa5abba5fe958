"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { TextAreaField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { SlugNameFields } from "../../_components/slug-name-fields";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { createAgent } from "./actions";
import { AgentPlacementFields, type PlacementOptions } from "./agent-placement-fields";

export function CreateAgentForm({ options }: { options: PlacementOptions }) {
  const form = useFormAction(createAgent);
  const value = (name: string) => form.value(name);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <SlugNameFields noun="agent" error={form.error} value={value} />
      <AgentPlacementFields options={options} value={value} error={form.error} />
      <TextAreaField
        label="Description (optional)"
        name="description"
        rows={2}
        maxLength={500}
        defaultValue={value("description")}
        error={form.error("description")}
        className="sm:col-span-2"
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Adding…">Add agent</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
