"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { inviteMember } from "./actions";
import { MemberRoleFields } from "./member-role-fields";

/** Invites by e-mail: the person accepts through the link, signing in with the company's identity provider. */
export function InviteMemberForm({ departments }: { departments: { value: string; label: string }[] }) {
  const form = useFormAction(inviteMember);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field label="E-mail to invite" {...form.field("email")} type="email" required autoComplete="off" />
      </div>
      <MemberRoleFields key={form.resetKey} departments={departments} form={form} />
      <FormFooter submitLabel="Send invitation" pendingLabel="Inviting…" result={form.result} />
    </form>
  );
}
