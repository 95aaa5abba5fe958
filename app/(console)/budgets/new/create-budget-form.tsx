"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { BudgetSettingsFields } from "../_components/form/budget-settings-fields";
import { PeriodFields } from "../_components/form/period-fields";
import { ScopeFields, type ScopeChoices } from "../_components/form/scope-fields";
import { DEFAULT_THRESHOLDS } from "../_lib/budget-labels";
import { createBudget } from "../actions";

/** A new budget; on success the action opens its page. */
export function CreateBudgetForm({ choices, timeZone }: { choices: ScopeChoices; timeZone: string }) {
  const form = useFormAction(createBudget);
  return (
    <form action={form.formAction} className="grid max-w-3xl gap-5 sm:grid-cols-2">
      <Field
        label="Name"
        {...form.field("name")}
        required
        maxLength={100}
        placeholder="e.g. Support chatbot daily"
        className="sm:col-span-2"
      />
      <div key={`scope-${form.resetKey}`} className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
        <ScopeFields choices={choices} form={form} />
      </div>
      <div key={`period-${form.resetKey}`} className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
        <PeriodFields form={form} timeZone={timeZone} />
      </div>
      <BudgetSettingsFields
        form={form}
        initial={{ limit: "", thresholds: DEFAULT_THRESHOLDS, mode: "alert", notifyRoles: ["admin", "department_head"], notifyEmails: [] }}
      />
      <FormFooter submitLabel="Create budget" pendingLabel="Creating…" result={form.result} />
    </form>
  );
}
