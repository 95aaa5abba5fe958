import { Card, Metric, Text } from "@tremor/react";
import { formatCredits, formatCreditsShort } from "@/app/_lib/format";
import { ProjectedReach } from "../_components/projected-reach";
import { burnRatePerDayMicros, percentOf } from "../_lib/budget-figures";
import type { BudgetStatus } from "../_lib/budget-labels";

/** The current period in figures: exact credits, and when the limit will be reached at this pace. */
export function BudgetNumbers({ status, timeZone }: { status: BudgetStatus; timeZone: string }) {
  const cards = [
    { label: "Spent", value: formatCredits(status.spentMicros), note: `${percentOf(status.spentMicros, status.limitMicros)} % of the limit`, testId: "budget-spent" },
    { label: "Held", value: formatCredits(status.heldMicros), note: "for actions in flight", testId: "budget-held" },
    { label: "Limit", value: formatCredits(status.limitMicros), note: "this period", testId: "budget-limit" },
    { label: "Remaining", value: formatCredits(status.remainingMicros), note: "limit − spent − held", testId: "budget-remaining" },
    // A rate is an estimate, not an amount billed, so it is rounded.
    { label: "Burn rate", value: formatCreditsShort(burnRatePerDayMicros(status)), note: "per day, average so far", testId: "budget-burn-rate" },
  ];
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
      {cards.map((card) => (
        <Card key={card.label}>
          <Text>{card.label}</Text>
          <Metric data-testid={card.testId} className="tabular-nums">
            {card.value}
          </Metric>
          <Text>credits · {card.note}</Text>
        </Card>
      ))}
      <Card>
        <Text>Reaches the limit</Text>
        <p className="mt-1 text-lg" data-testid="budget-projection">
          <ProjectedReach status={status} timeZone={timeZone} />
        </p>
      </Card>
    </div>
  );
}
