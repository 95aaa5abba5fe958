"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { SlugNameFields } from "../../_components/slug-name-fields";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { createDepartment } from "./actions";

export function CreateDepartmentForm() {
  const form = useFormAction(createDepartment);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <SlugNameFields noun="department" error={form.error} value={(name) => form.value(name)} />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Adding…">Add department</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
