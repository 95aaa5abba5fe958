"use client";

import { Field, SelectField } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
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
          {...form.field("name")}
          required
          maxLength={100}
          autoComplete="off"
          hint="Which app uses it, e.g. Support gateway (production)."
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
          {...form.field("departmentId")}
          options={[{ value: "", label: "Whole organisation" }, ...departments]}
          hint="A restricted key records and reads only that department's usage."
        />
        <FormFooter submitLabel="Create API key" pendingLabel="Creating…" result={form.result} />
      </form>
    </div>
  );
}
