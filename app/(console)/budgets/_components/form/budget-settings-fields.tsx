import { Field } from "@/app/_components/form/field";
import type { BudgetMode } from "../../_lib/budget-labels";
import type { BudgetFormHelpers } from "./form-helpers";
import { ModeField } from "./mode-field";
import { RecipientsFields } from "./recipients-fields";
import { ThresholdsField } from "./thresholds-field";

export interface BudgetSettings {
  limit: string;
  thresholds: number[];
  mode: BudgetMode;
  notifyRoles: string[];
  notifyEmails: string[];
}

/** What a budget allows and whom it tells: the part of the form that creating and editing share. */
export function BudgetSettingsFields({ form, initial }: { form: BudgetFormHelpers; initial: BudgetSettings }) {
  return (
    <>
      <Field
        label="Limit (credits)"
        {...form.field("limit", initial.limit)}
        required
        inputMode="decimal"
        hint="Per period, up to 6 decimal places."
      />
      <div className="sm:col-span-2" key={`thresholds-${form.resetKey}`}>
        <ThresholdsField form={form} initial={initial.thresholds} />
      </div>
      <div className="sm:col-span-2">
        <ModeField form={form} initial={initial.mode} />
      </div>
      <div className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
        <RecipientsFields form={form} initial={{ roles: initial.notifyRoles, emails: initial.notifyEmails }} />
      </div>
    </>
  );
}
