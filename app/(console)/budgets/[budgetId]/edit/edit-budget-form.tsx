"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { BudgetSettingsFields, type BudgetSettings } from "../../_components/form/budget-settings-fields";
import { updateBudget } from "../../actions";

/** What a budget allows and whom it tells; its scope and period are fixed. */
export function EditBudgetForm({ budgetId, name, settings }: { budgetId: string; name: string; settings: BudgetSettings }) {
  const form = useFormAction(updateBudget);
  return (
    <form action={form.formAction} className="grid max-w-3xl gap-5 sm:grid-cols-2">
      <input type="hidden" name="budgetId" value={budgetId} />
      <Field label="Name" name="name" required maxLength={100} defaultValue={form.value("name", name)} error={form.error("name")} className="sm:col-span-2" />
      <BudgetSettingsFields form={form} initial={settings} />
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
        <ActionMessage result={form.result} />
      </div>
    </form>
  );
}
