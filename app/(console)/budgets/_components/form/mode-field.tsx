import { MODE_LABELS, type BudgetMode } from "../../_lib/budget-labels";
import type { BudgetFormHelpers } from "./form-helpers";

/** Alert or pause, each with what it does. */
export function ModeField({ form, initial }: { form: BudgetFormHelpers; initial: BudgetMode }) {
  const error = form.error("mode");
  return (
    <fieldset aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium">When the limit is reached</legend>
      <div className="mt-2 space-y-2">
        {(Object.keys(MODE_LABELS) as BudgetMode[]).map((mode) => (
          <label key={mode} className="flex items-start gap-2 text-sm">
            <input type="radio" name="mode" value={mode} defaultChecked={form.checked("mode", mode, mode === initial)} className="mt-0.5 size-4" />
            <span>
              <span className="font-medium">{MODE_LABELS[mode].label}</span>
              <span className="block text-gray-500 dark:text-gray-400">{MODE_LABELS[mode].description}</span>
            </span>
          </label>
        ))}
      </div>
      {error && <p className="mt-1 text-xs text-red-600">{error}</p>}
    </fieldset>
  );
}
