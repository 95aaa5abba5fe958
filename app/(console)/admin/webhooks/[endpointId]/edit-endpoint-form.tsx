"use client";

import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { updateEndpoint } from "../actions";
import { EndpointFields } from "../endpoint-fields";

export function EditEndpointForm({ endpoint }: { endpoint: { id: string; url: string; description: string; eventTypes: string[] } }) {
  const form = useFormAction(updateEndpoint);
  return (
    <form action={form.formAction} className="grid max-w-2xl gap-4">
      <input type="hidden" name="endpointId" value={endpoint.id} />
      <EndpointFields form={form} current={endpoint} />
      <FormFooter submitLabel="Save changes" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
