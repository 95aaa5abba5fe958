import { SelectField } from "@/app/_components/form/field";
import { NONE_OPTION } from "../../_lib/options";

export interface PlacementOptions {
  departments: { value: string; label: string }[];
  projects: { value: string; label: string }[];
}

/** Where an agent sits: its department (required, it is charged with the agent's usage) and project. */
export function AgentPlacementFields({
  options,
  value,
  error,
}: {
  options: PlacementOptions;
  value: (name: string) => string;
  error: (name: string) => string | undefined;
}) {
  return (
    <>
      <SelectField
        label="Department"
        name="departmentId"
        required
        options={[{ value: "", label: "Choose a department…" }, ...options.departments]}
        defaultValue={value("departmentId")}
        hint="The agent's usage is attributed to this department."
        error={error("departmentId")}
      />
      <SelectField
        label="Project (optional)"
        name="projectId"
        options={[NONE_OPTION, ...options.projects]}
        defaultValue={value("projectId")}
        hint="Used when a call does not name a project."
        error={error("projectId")}
      />
    </>
  );
}
