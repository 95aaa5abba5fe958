"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { updateEndpoint } from "../actions";
import { EndpointFields } from "../endpoint-fields";

export function EditEndpointForm({ endpoint }: { endpoint: { id: string; url: string; description: string; eventTypes: string[] } }) {
  const form = useFormAction(updateEndpoint);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4">
      <input type="hidden" name="endpointId" value={endpoint.id} />
      <EndpointFields form={form} current={endpoint} />
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
