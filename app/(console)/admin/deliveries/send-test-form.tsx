"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { sendTestEmail } from "./actions";

/** Checks the mail set-up end to end: the message lands at the top of the list with what happened to it. */
export function SendTestForm() {
  const form = useFormAction(sendTestEmail);
  return (
    <form action={form.formAction} className="flex flex-wrap items-center gap-3">
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send a test e-mail to me
      </SubmitButton>
      <ActionMessage result={form.result} />
    </form>
  );
}
