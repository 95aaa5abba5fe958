"use client";

import { SelectField } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { SlugNameFields } from "../../_components/slug-name-fields";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { NONE_OPTION } from "../../_lib/options";
import { createProject } from "./actions";

export function CreateProjectForm({ departments }: { departments: { value: string; label: string }[] }) {
  const form = useFormAction(createProject);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <SlugNameFields noun="project" field={form.field} />
      <SelectField
        label="Department (optional)"
        {...form.field("departmentId")}
        options={[NONE_OPTION, ...departments]}
        hint="The department that owns the project, if one does."
      />
      <FormFooter submitLabel="Add project" pendingLabel="Adding…" result={form.result} />
    </form>
  );
}
