import { Card, Metric, Text } from "@tremor/react";
import { formatCreditsShort, formatDate, formatDateTime } from "@/app/_lib/format";
import type { RouterOutputs } from "@/server/api/root";

type Projection = RouterOutputs["reports"]["projection"];

const range = (low: number, high: number) => `${formatCreditsShort(low)} – ${formatCreditsShort(high)}`;

const METHOD: Record<Projection["method"], string> = {
  "linear-trend": "trend of the last complete days",
  mean: "average of the few days known so far",
  "no-history": "no spend recorded yet",
};

/**
 * Burn rate, spend by the end of the period and when the balance runs out, each with its 90 %
 * range, and a warning when the balance is projected to run out before the period ends.
 */
export function ProjectionSummary({ projection }: { projection: Projection }) {
  const { dailyRate, periodEnd, balance, timeZone } = projection;
  return (
    <section aria-labelledby="projection" className="mt-8">
      <h2 id="projection" className="mb-2 text-lg font-medium">
        Projection to the end of this {projection.period.kind} ({formatDateTime(projection.period.end, timeZone)})
      </h2>
      {balance?.beforePeriodEnd && (
        <p role="alert" className="mb-3 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-200">
          At this burn rate the credits run out around {formatDateTime(balance.runsOut.expected, timeZone)} — before the {projection.period.kind} ends. Buy
          credits or lower spend.
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <Text>Burn rate (next 24 h)</Text>
          <Metric data-testid="burn-rate">{formatCreditsShort(dailyRate.expected)}</Metric>
          <Text>credits a day, 90 % range {range(dailyRate.low, dailyRate.high)}</Text>
        </Card>
        <Card>
          <Text>Spend by the end of the {projection.period.kind}</Text>
          <Metric>{formatCreditsShort(periodEnd.expected)}</Metric>
          <Text>
            credits ({formatCreditsShort(projection.spentMicros)} so far), range {range(periodEnd.low, periodEnd.high)}
          </Text>
        </Card>
        <Card>
          <Text>Balance runs out</Text>
          {balance ? (
            <>
              <Metric>{balance.runsOut.expected ? formatDate(balance.runsOut.expected, timeZone) : "Not within a year"}</Metric>
              <Text>
                {balance.runsOut.expected
                  ? `between ${formatDate(balance.runsOut.earliest, timeZone)} and ${balance.runsOut.latest ? formatDate(balance.runsOut.latest, timeZone) : "later than a year"}`
                  : `${formatCreditsShort(balance.availableMicros)} credits available`}
              </Text>
            </>
          ) : (
            <Text>Shown to administrators and finance, for the whole organisation without filters.</Text>
          )}
        </Card>
      </div>
      <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">
        Method: {METHOD[projection.method]}
        {projection.basedOnDays > 0 && ` (${projection.basedOnDays} days)`}, 90 % prediction range. See docs/analytics.md.
      </p>
    </section>
  );
}
