import { formatDateTime } from "@/app/_lib/format";
import { PERIOD_LABELS, type Budget, type BudgetStatus } from "../_lib/budget-labels";

/** The period kind and when the current one ends (or, for a custom window not running, when it runs). */
export function PeriodSummary({ budget, status, timeZone }: { budget: Budget; status: BudgetStatus; timeZone: string }) {
  const note = status.periodEnd
    ? `ends ${formatDateTime(status.periodEnd, timeZone)}`
    : `${formatDateTime(budget.windowStart, timeZone)} – ${formatDateTime(budget.windowEnd, timeZone)}`;
  return (
    <>
      {PERIOD_LABELS[budget.period]}
      <span className="block text-xs text-gray-500 dark:text-gray-400">{note}</span>
    </>
  );
}
