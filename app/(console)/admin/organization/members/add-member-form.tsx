"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { addMember } from "./actions";
import { MemberRoleFields } from "./member-role-fields";

export function AddMemberForm({ departments }: { departments: { value: string; label: string }[] }) {
  const form = useFormAction(addMember);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field label="E-mail" {...form.field("email")} type="email" required autoComplete="off" />
      <Field label="Name" {...form.field("name")} required maxLength={100} autoComplete="off" />
      <MemberRoleFields key={form.resetKey} departments={departments} form={form} />
      <FormFooter submitLabel="Add member" pendingLabel="Adding…" result={form.result} />
    </form>
  );
}
