import Link from "next/link";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits } from "@/app/_lib/format";
import { BudgetBadges } from "./_components/budget-badges";
import { BudgetMeter } from "./_components/budget-meter";
import { PeriodSummary } from "./_components/period-summary";
import { ProjectedReach } from "./_components/projected-reach";
import { usageSentence } from "./_lib/budget-figures";
import type { BudgetRow } from "./_lib/budget-labels";
import { scopeLabel, type ScopeDirectory } from "./_lib/scope-name";

export function BudgetTable({ rows, directory, timeZone }: { rows: BudgetRow[]; directory: ScopeDirectory; timeZone: string }) {
  return (
    <Table caption="Budgets with their current period">
      <thead>
        <tr>
          <Th>Budget</Th>
          <Th>Period</Th>
          <Th>Mode</Th>
          <Th>Used this period</Th>
          <Th numeric>Remaining</Th>
          <Th>Reaches the limit</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ budget, status }) => (
          <tr key={budget.id} className={`align-top ${budget.archivedAt ? "text-gray-500 dark:text-gray-400" : ""}`}>
            <Td>
              <Link href={`/budgets/${budget.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
                {budget.name}
              </Link>
              <span className="block text-xs text-gray-500 dark:text-gray-400">{scopeLabel(budget, directory)}</span>
            </Td>
            <Td className="whitespace-nowrap">
              <PeriodSummary budget={budget} status={status} timeZone={timeZone} />
            </Td>
            <Td>
              <BudgetBadges budget={budget} status={status} />
            </Td>
            <Td className="min-w-64">
              <BudgetMeter status={status} thresholds={budget.thresholds} className="mt-1.5" />
              <span className="mt-2 block text-xs text-gray-600 dark:text-gray-300">{usageSentence(status)}</span>
            </Td>
            <Td numeric className="whitespace-nowrap">
              {formatCredits(status.remainingMicros)}
            </Td>
            <Td className="whitespace-nowrap">
              <ProjectedReach status={status} timeZone={timeZone} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
