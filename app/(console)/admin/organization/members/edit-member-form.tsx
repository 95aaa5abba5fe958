"use client";

import { FormFooter } from "@/app/_components/form/form-footer";
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
      <MemberRoleFields key={form.resetKey} departments={departments} form={form} current={member} />
      <FormFooter submitLabel="Save" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
