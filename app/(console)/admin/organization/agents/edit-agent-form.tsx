"use client";

import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { updateAgentPlacement } from "./actions";
import { AgentPlacementFields, type PlacementOptions } from "./agent-placement-fields";

export function EditAgentForm({ agent, options }: { agent: { id: string; departmentId: string; projectId: string | null }; options: PlacementOptions }) {
  const form = useFormAction(updateAgentPlacement);
  const current: Record<string, string> = { departmentId: agent.departmentId, projectId: agent.projectId ?? "" };
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <input type="hidden" name="id" value={agent.id} />
      <AgentPlacementFields options={options} field={(name) => form.field(name, current[name])} />
      <FormFooter submitLabel="Save" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
