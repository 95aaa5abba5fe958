"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { updateAgentPlacement } from "./actions";
import { AgentPlacementFields, type PlacementOptions } from "./agent-placement-fields";

export function EditAgentForm({ agent, options }: { agent: { id: string; departmentId: string; projectId: string | null }; options: PlacementOptions }) {
  const form = useFormAction(updateAgentPlacement);
  const current: Record<string, string> = { departmentId: agent.departmentId, projectId: agent.projectId ?? "" };
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <input type="hidden" name="id" value={agent.id} />
      <AgentPlacementFields options={options} value={(name) => form.value(name, current[name])} error={form.error} />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
