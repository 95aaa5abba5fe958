"use client";

import { Field } from "@/app/_components/form/field";
import { FormFooter } from "@/app/_components/form/form-footer";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { BudgetSettingsFields, type BudgetSettings } from "../../_components/form/budget-settings-fields";
import { updateBudget } from "../../actions";

/** What a budget allows and whom it tells; its scope and period are fixed. */
export function EditBudgetForm({ budgetId, name, settings }: { budgetId: string; name: string; settings: BudgetSettings }) {
  const form = useFormAction(updateBudget);
  return (
    <form action={form.formAction} className="grid max-w-3xl gap-5 sm:grid-cols-2">
      <input type="hidden" name="budgetId" value={budgetId} />
      <Field label="Name" {...form.field("name", name)} required maxLength={100} className="sm:col-span-2" />
      <BudgetSettingsFields form={form} initial={settings} />
      <FormFooter submitLabel="Save changes" pendingLabel="Saving…" result={form.result} />
    </form>
  );
}
