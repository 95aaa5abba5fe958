"use client";

import Link from "next/link";
import { FormFooter } from "@/app/_components/form/form-footer";
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
        <FormFooter submitLabel="Register endpoint" pendingLabel="Registering…" result={form.result} />
      </form>
    </div>
  );
}
