"use client";

import { useState } from "react";
import { Field, SelectField } from "@/app/_components/form/field";
import { SCOPE_LABELS, type BudgetScope } from "../../_lib/budget-labels";
import type { BudgetFormHelpers, Option } from "./form-helpers";

export interface ScopeChoices {
  /** The scope kinds this member may create budgets on (department heads: their departments' only). */
  kinds: BudgetScope[];
  departments: Option[];
  projects: Option[];
  agents: Option[];
}

const HINTS: Record<BudgetScope, string> = {
  organization: "Counts every credit the organisation spends.",
  department: "Counts the department's usage, its agents' included.",
  project: "Counts usage attributed to the project.",
  agent: "A per-agent spending limit: counts every call the agent makes.",
  user: "A per-user spending limit: counts usage that sibling apps attribute to this user.",
};

/**
 * The scope kind, and the picker for what it names: a department, project or agent, or a user
 * reference. The select stays uncontrolled (state only picks the picker), since React resets a
 * form's fields to their defaults after each submission.
 */
export function ScopeFields({ choices, form }: { choices: ScopeChoices; form: BudgetFormHelpers }) {
  const [scope, setScope] = useState<BudgetScope>(() => {
    const chosen = form.value("scope", choices.kinds[0]) as BudgetScope;
    return choices.kinds.includes(chosen) ? chosen : choices.kinds[0]!;
  });
  const picker = (name: string, label: string, placeholder: string, options: Option[]) => (
    <SelectField label={label} {...form.field(name)} required options={[{ value: "", label: placeholder }, ...options]} />
  );
  return (
    <>
      <SelectField
        label="Scope"
        name="scope"
        defaultValue={scope}
        onChange={(event) => setScope(event.target.value as BudgetScope)}
        options={choices.kinds.map((kind) => ({ value: kind, label: SCOPE_LABELS[kind] }))}
        hint={HINTS[scope]}
        error={form.error("scope")}
      />
      {scope === "department" && picker("departmentId", "Department", "Choose a department…", choices.departments)}
      {scope === "project" && picker("projectId", "Project", "Choose a project…", choices.projects)}
      {scope === "agent" && picker("agentId", "Agent", "Choose an agent…", choices.agents)}
      {scope === "user" && (
        <Field
          label="User reference"
          {...form.field("userRef")}
          required
          maxLength={200}
          autoComplete="off"
          placeholder="e.g. alex@acme.example"
          hint="The user that sibling apps name when they record usage (an e-mail or their user id), matched ignoring case."
        />
      )}
    </>
  );
}
