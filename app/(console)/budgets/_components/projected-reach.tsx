import { formatDateTime } from "@/app/_lib/format";
import { limitReached } from "../_lib/budget-figures";
import type { BudgetStatus } from "../_lib/budget-labels";

/**
 * When the limit will be reached at the period's average burn rate so far. The server projects
 * only within the period, so a date here is always a warning: it comes before the period ends.
 */
export function ProjectedReach({ status, timeZone }: { status: BudgetStatus; timeZone: string }) {
  if (!status.periodStart) return <span className="text-gray-500 dark:text-gray-400">Window not running</span>;
  if (limitReached(status)) return <span className="font-medium text-red-700 dark:text-red-300">Limit reached</span>;
  if (status.projectedExhaustionAt) {
    return (
      <span className="font-medium text-amber-700 dark:text-amber-300">
        {formatDateTime(status.projectedExhaustionAt, timeZone)}
        <span className="block text-xs font-normal">before the period ends</span>
      </span>
    );
  }
  return <span className="text-gray-500 dark:text-gray-400">{status.spentMicros > 0 ? "Not this period" : "No spend yet"}</span>;
}
