"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { renameDepartment } from "./actions";

export function RenameDepartmentForm({ department }: { department: { id: string; name: string } }) {
  const form = useFormAction(renameDepartment);
  return (
    <form action={form.formAction} className="flex flex-wrap items-end gap-4">
      <input type="hidden" name="id" value={department.id} />
      <Field label="New name" {...form.field("name", department.name)} required maxLength={100} className="w-72" />
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      <ActionMessage result={form.result} />
    </form>
  );
}
