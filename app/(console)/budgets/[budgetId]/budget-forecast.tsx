import { formatCreditsShort, formatDateTime } from "@/app/_lib/format";
import type { BudgetDetail } from "./load-budget";

/**
 * The trend forecast of the budget's scope to the end of the period: spend expected by then with
 * its 90 % range, when the limit is reached, and a warning when that comes before the period ends.
 */
export function BudgetForecast({ detail }: { detail: BudgetDetail }) {
  const { forecast, status, timeZone } = detail;
  if (!forecast) return null;
  const { periodEnd, reachesLimit } = forecast;
  return (
    <div data-testid="budget-forecast">
      {forecast.runsOutBeforePeriodEnd && status.remainingMicros > 0 && (
        <p role="alert" className="mb-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Projected to run out around {formatDateTime(reachesLimit.expected, timeZone)} (between {formatDateTime(reachesLimit.earliest, timeZone)} and{" "}
          {reachesLimit.latest ? formatDateTime(reachesLimit.latest, timeZone) : "after the period"}) — before this period ends on{" "}
          {formatDateTime(status.periodEnd, timeZone)}.
        </p>
      )}
      <dl className="grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-gray-500 dark:text-gray-400">Spend expected by the period&apos;s end</dt>
          <dd className="text-lg font-medium tabular-nums">
            {formatCreditsShort(periodEnd.expected)} of {formatCreditsShort(status.limitMicros)} credits
          </dd>
          <dd className="text-gray-500 dark:text-gray-400">
            90 % range {formatCreditsShort(periodEnd.low)} – {formatCreditsShort(periodEnd.high)}
          </dd>
        </div>
        <div>
          <dt className="text-gray-500 dark:text-gray-400">Limit reached (committed + held)</dt>
          <dd className="text-lg font-medium">
            {status.remainingMicros <= 0 ? "Already" : reachesLimit.expected && forecast.runsOutBeforePeriodEnd ? formatDateTime(reachesLimit.expected, timeZone) : "Not this period"}
          </dd>
          <dd className="text-gray-500 dark:text-gray-400">
            {forecast.method === "no-history"
              ? "No spend in this scope yet."
              : `From the ${forecast.method === "linear-trend" ? "trend" : "average"} of the last ${forecast.basedOnDays} complete days.`}
          </dd>
        </div>
      </dl>
    </div>
  );
}
