import Link from "next/link";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatInteger } from "@/app/_lib/format";
import type { RouterOutputs } from "@/server/api/root";
import type { Dimension } from "@/server/reports/dimensions";
import { DIMENSION_LABELS, EVENT_FILTER_OF, eventsHref, type DashboardValues } from "./dashboard-filter";
import { NOT_ATTRIBUTED } from "./spend-chart-data";

type Row = RouterOutputs["reports"]["usage"]["breakdown"][number];

/** One share of a total as a percentage with one decimal (display only). */
const share = (part: number, whole: number) => (whole > 0 ? `${((part * 100) / whole).toFixed(1)} %` : "—");

/**
 * Spend per value of a dimension: each value narrows the dashboard to it, and "Events" opens the
 * events behind the row (the dashboard's filters and dates, plus this value).
 */
export function BreakdownTable({
  rows,
  by,
  values,
  totalChargedMicros,
  caption,
  testId,
  compact = false,
}: {
  rows: Row[];
  by: Dimension;
  values: DashboardValues;
  totalChargedMicros: number;
  caption: string;
  testId: string;
  /** Only events, credits and share (for the half-width top-spender lists). */
  compact?: boolean;
}) {
  const filterKey = EVENT_FILTER_OF[by];
  const dashboardHref = (key: string) => {
    const query = new URLSearchParams(Object.entries({ ...values, [filterKey!]: key }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return `/usage?${query.toString()}`;
  };
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>{DIMENSION_LABELS[by]}</Th>
          <Th numeric>Events</Th>
          <Th numeric>Credits charged</Th>
          <Th numeric>Share</Th>
          {!compact && (
            <>
              <Th numeric>Cost</Th>
              <Th numeric>Input tokens</Th>
              <Th numeric>Output tokens</Th>
            </>
          )}
          <Th>
            <span className="sr-only">Drill down</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key ?? "\u0000none"} data-testid={testId}>
            <Td>
              {row.key === null ? (
                <span className="text-gray-500 dark:text-gray-400">{NOT_ATTRIBUTED}</span>
              ) : filterKey ? (
                <Link href={dashboardHref(row.key)} className="text-blue-600 hover:underline dark:text-blue-400" title={`Show only ${row.label ?? row.key}`}>
                  {row.label ?? row.key}
                </Link>
              ) : (
                (row.label ?? row.key)
              )}
            </Td>
            <Td numeric>{formatInteger(row.events)}</Td>
            <Td numeric>{formatCredits(row.chargedMicros)}</Td>
            <Td numeric>{share(row.chargedMicros, totalChargedMicros)}</Td>
            {!compact && (
              <>
                <Td numeric>{formatCredits(row.costMicros)}</Td>
                <Td numeric>{formatInteger(row.inputTokens)}</Td>
                <Td numeric>{formatInteger(row.outputTokens)}</Td>
              </>
            )}
            <Td>
              <Link href={eventsHref(values, { by, key: row.key })} className="text-blue-600 hover:underline dark:text-blue-400">
                Events →
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
