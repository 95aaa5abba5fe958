"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { SelectField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { SlugNameFields } from "../../_components/slug-name-fields";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { NONE_OPTION } from "../../_lib/options";
import { createProject } from "./actions";

export function CreateProjectForm({ departments }: { departments: { value: string; label: string }[] }) {
  const form = useFormAction(createProject);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <SlugNameFields noun="project" error={form.error} value={(name) => form.value(name)} />
      <SelectField
        label="Department (optional)"
        name="departmentId"
        options={[NONE_OPTION, ...departments]}
        defaultValue={form.value("departmentId")}
        hint="The department that owns the project, if one does."
        error={form.error("departmentId")}
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Adding…">Add project</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
