"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import type { MemberRole } from "@/server/orgs/members";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { addMember } from "./actions";
import { MemberRoleFields } from "./member-role-fields";

export function AddMemberForm({ departments }: { departments: { value: string; label: string }[] }) {
  const form = useFormAction(addMember);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <Field label="E-mail" name="email" type="email" required autoComplete="off" defaultValue={form.value("email")} error={form.error("email")} />
      <Field label="Name" name="name" required maxLength={100} autoComplete="off" defaultValue={form.value("name")} error={form.error("name")} />
      <MemberRoleFields
        key={form.resetKey}
        departments={departments}
        role={(form.value("role") || "member") as MemberRole}
        departmentId={form.value("departmentId")}
        isHead={(id) => form.checked("headOfDepartmentIds", id, false)}
        error={form.error}
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Adding…">Add member</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
