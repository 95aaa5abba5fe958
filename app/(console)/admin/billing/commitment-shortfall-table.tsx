import { Table, Td, Th } from "@/app/_components/table";
import { formatMoney } from "@/app/_lib/format";
import type { CommitmentShortfall } from "@/server/purchases/purchase-views";
import { StatusBadge } from "../_components/status-badge";

const MONTH_STATUS = {
  past: { label: "Closed", tone: "gray" },
  current: { label: "This month", tone: "blue" },
  upcoming: { label: "Upcoming", tone: "gray" },
} as const;

/** The contract month by month: the minimum, what was bought (net of discounts, before tax) and what falls short. */
export function CommitmentShortfallTable({ shortfall }: { shortfall: CommitmentShortfall }) {
  const money = (minor: number) => formatMoney(minor, shortfall.currency);
  return (
    <Table caption="Committed-use contract, month by month">
      <thead>
        <tr>
          <Th>Month</Th>
          <Th numeric>Minimum</Th>
          <Th numeric>Purchased (net)</Th>
          <Th numeric>Shortfall</Th>
          <Th />
        </tr>
      </thead>
      <tbody>
        {shortfall.months.map((month) => (
          <tr key={month.month}>
            <Td className="font-mono">{month.month}</Td>
            <Td numeric>{money(month.minimumMinor)}</Td>
            <Td numeric>{money(month.purchasedMinor)}</Td>
            <Td numeric className={month.shortfallMinor > 0 && month.status !== "upcoming" ? "font-medium text-red-700 dark:text-red-400" : ""}>
              {money(month.shortfallMinor)}
            </Td>
            <Td>
              <StatusBadge tone={MONTH_STATUS[month.status].tone}>{MONTH_STATUS[month.status].label}</StatusBadge>
            </Td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-medium">
          <Td>Closed months</Td>
          <Td />
          <Td />
          <Td numeric>
            <span data-testid="past-shortfall">{money(shortfall.pastShortfallMinor)}</span>
          </Td>
          <Td className="text-xs font-normal text-gray-500 dark:text-gray-400">owed under the contract</Td>
        </tr>
        <tr>
          <Td>This month so far</Td>
          <Td />
          <Td />
          <Td numeric>{money(shortfall.currentShortfallMinor)}</Td>
          <Td className="text-xs text-gray-500 dark:text-gray-400">still to buy this month</Td>
        </tr>
      </tfoot>
    </Table>
  );
}
