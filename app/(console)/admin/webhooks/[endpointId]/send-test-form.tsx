"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { sendTestEvent } from "../actions";

/** Sends a `webhook.test` event now; it lands at the top of the delivery log with what the endpoint answered. */
export function SendTestForm({ endpointId }: { endpointId: string }) {
  const form = useFormAction(sendTestEvent);
  return (
    <form action={form.formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send test event
      </SubmitButton>
      <ActionMessage result={form.result} />
    </form>
  );
}
