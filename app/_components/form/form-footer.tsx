import type { ActionResult } from "@/app/_lib/action-result";
import { ActionMessage } from "./action-message";
import { SubmitButton } from "./submit-button";

/**
 * A form's last row: its submit button, and beside it what the last submission came to. In a
 * grid form it spans every column, however many the form has.
 */
export function FormFooter({ submitLabel, pendingLabel, result }: { submitLabel: React.ReactNode; pendingLabel: string; result: ActionResult<unknown> }) {
  return (
    <div className="flex flex-wrap items-center gap-4 sm:col-span-full">
      <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      <ActionMessage result={result} />
    </div>
  );
}
