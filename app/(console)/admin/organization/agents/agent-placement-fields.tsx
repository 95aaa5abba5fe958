import { SelectField } from "@/app/_components/form/field";
import type { FormFieldProps } from "@/app/_components/form/use-form-action";
import { NONE_OPTION } from "../../_lib/options";

export interface PlacementOptions {
  departments: { value: string; label: string }[];
  projects: { value: string; label: string }[];
}

/** Where an agent sits: its department (required, it is charged with the agent's usage) and project. */
export function AgentPlacementFields({ options, field }: { options: PlacementOptions; field: (name: string) => FormFieldProps }) {
  return (
    <>
      <SelectField
        label="Department"
        {...field("departmentId")}
        required
        options={[{ value: "", label: "Choose a department…" }, ...options.departments]}
        hint="The agent's usage is attributed to this department."
      />
      <SelectField label="Project (optional)" {...field("projectId")} options={[NONE_OPTION, ...options.projects]} hint="Used when a call does not name a project." />
    </>
  );
}
