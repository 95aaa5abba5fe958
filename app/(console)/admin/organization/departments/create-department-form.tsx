"use client";

import { FormFooter } from "@/app/_components/form/form-footer";
import { SlugNameFields } from "../../_components/slug-name-fields";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { createDepartment } from "./actions";

export function CreateDepartmentForm() {
  const form = useFormAction(createDepartment);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <SlugNameFields noun="department" field={form.field} />
      <FormFooter submitLabel="Add department" pendingLabel="Adding…" result={form.result} />
    </form>
  );
}
