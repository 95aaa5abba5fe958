"use client";

import { ActionMessage } from "@/app/_components/form/action-message";
import { Field } from "@/app/_components/form/field";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { useFormAction } from "@/app/_components/form/use-form-action";
import { raiseLimit } from "../actions";

/** A higher limit in one step, for a pause budget that is refusing (or about to refuse) spend. */
export function RaiseLimitForm({ budgetId, currentLimitMicros }: { budgetId: string; currentLimitMicros: number }) {
  const form = useFormAction(raiseLimit);
  return (
    <form action={form.formAction} className="space-y-3" aria-labelledby="raise-limit">
      <h3 id="raise-limit" className="font-medium">
        Raise limit
      </h3>
      <input type="hidden" name="budgetId" value={budgetId} />
      <input type="hidden" name="currentLimitMicros" value={currentLimitMicros} />
      <Field
        label="New limit (credits)"
        {...form.field("limit")}
        required
        inputMode="decimal"
        hint="For this and later periods. Spend resumes at once if it fits under the new limit."
      />
      <SubmitButton pendingLabel="Raising…">Raise limit</SubmitButton>
      <ActionMessage result={form.result} />
    </form>
  );
}
