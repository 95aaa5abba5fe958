"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field, SelectField } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { CheckboxGroup } from "../_components/checkbox-group";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { createApiKey } from "./actions";
import { NewKeyNotice } from "./new-key-notice";

interface CreateApiKeyFormProps {
  scopes: { value: string; label: React.ReactNode; description: string }[];
  departments: { value: string; label: string }[];
}

export function CreateApiKeyForm({ scopes, departments }: CreateApiKeyFormProps) {
  const form = useFormAction(createApiKey);
  const created = form.result.ok ? form.result.data : undefined;
  return (
    <div className="space-y-6">
      {created && <NewKeyNotice name={created.name} token={created.token} />}
      <form action={form.formAction} className="grid max-w-2xl gap-4">
        <Field
          label="Name"
          name="name"
          required
          maxLength={100}
          autoComplete="off"
          defaultValue={form.value("name")}
          hint="Which app uses it, e.g. Support gateway (production)."
          error={form.error("name")}
        />
        <CheckboxGroup
          legend="Scopes"
          name="scopes"
          options={scopes}
          checked={(scope) => form.checked("scopes", scope, false)}
          hint="Grant only what the app needs."
          error={form.error("scopes")}
        />
        <SelectField
          label="Restrict to a department (optional)"
          name="departmentId"
          options={[{ value: "", label: "Whole organisation" }, ...departments]}
          defaultValue={form.value("departmentId")}
          hint="A restricted key records and reads only that department's usage."
          error={form.error("departmentId")}
        />
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pendingLabel="Creating…">Create API key</SubmitButton>
          {!form.result.ok && <ActionMessage result={form.result} />}
        </div>
      </form>
    </div>
  );
}
