"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import type { MemberRole } from "@/server/orgs/members";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { updateMember } from "./actions";
import { MemberRoleFields } from "./member-role-fields";

interface EditMemberFormProps {
  member: { id: string; role: MemberRole; departmentId: string | null; headOf: string[] };
  departments: { value: string; label: string }[];
}

export function EditMemberForm({ member, departments }: EditMemberFormProps) {
  const form = useFormAction(updateMember);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <input type="hidden" name="memberId" value={member.id} />
      <MemberRoleFields
        key={form.resetKey}
        departments={departments}
        role={form.value("role", member.role) as MemberRole}
        departmentId={form.value("departmentId", member.departmentId ?? "")}
        isHead={(id) => form.checked("headOfDepartmentIds", id, member.headOf.includes(id))}
        error={form.error}
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
