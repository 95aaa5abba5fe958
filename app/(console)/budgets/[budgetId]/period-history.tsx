import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatDateTime } from "@/app/_lib/format";
import type { BudgetDetail } from "./load-budget";

/** Earlier periods' totals, newest first (periods with no spend have no row, so they do not appear). */
export function PeriodHistory({ periods, timeZone }: { periods: BudgetDetail["history"]; timeZone: string }) {
  return (
    <Table caption="Earlier periods, newest first">
      <thead>
        <tr>
          <Th>Period</Th>
          <Th numeric>Spent (credits)</Th>
          <Th>Resumed past the limit</Th>
        </tr>
      </thead>
      <tbody>
        {periods.map((period) => (
          <tr key={period.periodStart.toISOString()}>
            <Td className="whitespace-nowrap">
              {formatDateTime(period.periodStart, timeZone)} – {formatDateTime(period.periodEnd, timeZone)}
            </Td>
            <Td numeric>{formatCredits(period.spentMicros)}</Td>
            <Td>{period.resumedAt ? formatDateTime(period.resumedAt, timeZone) : "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
