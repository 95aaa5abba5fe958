"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { SelectField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { rotateSecret } from "../actions";
import { SecretNotice } from "../secret-notice";

const OVERLAP = [
  { value: "24", label: "24 hours (recommended)" },
  { value: "1", label: "1 hour" },
  { value: "72", label: "3 days" },
  { value: "0", label: "Stop it now (a leaked secret)" },
];

/** A new secret, shown once; for the chosen time each delivery is also signed with the old one. */
export function RotateSecretForm({ endpointId, hint, previousSignsUntil }: { endpointId: string; hint: string; previousSignsUntil: string | null }) {
  const form = useFormAction(rotateSecret);
  const revealed = form.result.ok ? form.result.data?.secret : undefined;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        The current secret ends in <code className="font-mono">…{hint}</code>.
        {previousSignsUntil && ` Deliveries are also signed with the previous secret until ${previousSignsUntil}.`}
      </p>
      {revealed && <SecretNotice secret={revealed} rotated />}
      <form action={form.formAction} className="flex max-w-2xl flex-wrap items-end gap-4">
        <input type="hidden" name="endpointId" value={endpointId} />
        <SelectField
          label="Keep signing with the old secret for"
          {...form.field("oldSecretValidHours", "24")}
          options={OVERLAP}
          hint="Time to update the receiver: meanwhile each delivery carries both signatures."
        />
        <SubmitButton variant="secondary" pendingLabel="Rotating…">
          Rotate secret
        </SubmitButton>
      </form>
      {!form.result.ok && <ActionMessage result={form.result} />}
    </div>
  );
}
