"use client";

import Link from "next/link";
import { ActionMessage } from "@/app/_components/form/action-message";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { createEndpoint } from "./actions";
import { EndpointFields } from "./endpoint-fields";
import { SecretNotice } from "./secret-notice";

export function CreateEndpointForm() {
  const form = useFormAction(createEndpoint);
  const created = form.result.ok ? form.result.data : undefined;
  return (
    <div className="space-y-6">
      {created && (
        <div className="space-y-2">
          <SecretNotice secret={created.secret} />
          <Link href={`/admin/webhooks/${created.endpointId}`} className="text-sm font-medium text-blue-700 hover:underline dark:text-blue-300">
            Open the endpoint and send a test event
          </Link>
        </div>
      )}
      <form action={form.formAction} className="grid max-w-2xl gap-4">
        <EndpointFields form={form} />
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pendingLabel="Registering…">Register endpoint</SubmitButton>
          {!form.result.ok && <ActionMessage result={form.result} />}
        </div>
      </form>
    </div>
  );
}
