import { TextAreaField } from "@/app/_components/form/field";
import { CheckboxGroup } from "../../../admin/_components/checkbox-group";
import { RECIPIENT_ROLES } from "../../_lib/budget-labels";
import type { BudgetFormHelpers } from "./form-helpers";

/** Who is e-mailed when a threshold is reached: members by role, plus any other addresses. */
export function RecipientsFields({ form, initial }: { form: BudgetFormHelpers; initial: { roles: string[]; emails: string[] } }) {
  return (
    <>
      <CheckboxGroup
        legend="E-mail alerts to"
        name="notifyRoles"
        options={RECIPIENT_ROLES.map((role) => ({ ...role }))}
        checked={(role) => form.checked("notifyRoles", role, initial.roles.includes(role))}
        error={form.error("notifyRoles")}
      />
      <TextAreaField
        label="Other addresses (optional)"
        {...form.field("notifyEmails", initial.emails.join("\n"))}
        rows={3}
        hint="One per line or separated by commas; up to 20."
      />
    </>
  );
}
