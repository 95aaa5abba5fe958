"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import type { MemberRole } from "@/server/orgs/members";
import { inviteMember } from "./actions";
import { MemberRoleFields } from "./member-role-fields";

/** Invites by e-mail: the person accepts through the link, signing in with the company's identity provider. */
export function InviteMemberForm({ departments }: { departments: { value: string; label: string }[] }) {
  const form = useFormAction(inviteMember);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field label="E-mail to invite" name="email" type="email" required autoComplete="off" defaultValue={form.value("email")} error={form.error("email")} />
      </div>
      <MemberRoleFields
        key={form.resetKey}
        departments={departments}
        role={(form.value("role") || "member") as MemberRole}
        departmentId={form.value("departmentId")}
        isHead={(id) => form.checked("headOfDepartmentIds", id, false)}
        error={form.error}
      />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Inviting…">Send invitation</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
