import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatDateTime, formatInteger, formatIsoInZone, formatQuantity } from "@/app/_lib/format";
import type { listUsage } from "@/server/usage/list-usage";

export type UsageEvent = Awaited<ReturnType<typeof listUsage>>["events"][number];

function Secondary({ children }: { children: React.ReactNode }) {
  return <span className="block text-xs text-gray-500 dark:text-gray-400">{children}</span>;
}

function TokenCounts({ event }: { event: UsageEvent }) {
  if (event.kind === "operation") return <>{formatQuantity(event.quantityMicros)} units</>;
  const extras = [
    event.cachedInputTokens > 0 && `${formatInteger(event.cachedInputTokens)} cached`,
    event.cacheWriteTokens > 0 && `${formatInteger(event.cacheWriteTokens)} cache write`,
  ].filter(Boolean);
  return (
    <>
      {formatInteger(event.inputTokens)} in · {formatInteger(event.outputTokens)} out
      {extras.length > 0 && <Secondary>{extras.join(" · ")}</Secondary>}
    </>
  );
}

/** What makes a charge traceable: the event, the caller's key, the hold it settled and both clocks. */
function Trace({ event, timeZone }: { event: UsageEvent; timeZone: string }) {
  const rows: [string, string | null][] = [
    ["Event id", event.id],
    ["Idempotency key", event.idempotencyKey],
    ["Reservation", event.reservationId],
    ["Occurred", formatIsoInZone(event.occurredAt, timeZone)],
    ["Recorded", formatIsoInZone(event.recordedAt, timeZone)],
    ["Outcome ref", event.outcomeRef],
    ["Cost / charged (µcr)", `${event.costMicros} / ${event.chargedMicros}`],
  ];
  return (
    <details className="relative text-xs">
      <summary className="cursor-pointer whitespace-nowrap text-blue-600 dark:text-blue-400">Trace</summary>
      {/* Over the rows below rather than inside the cell, so opening one keeps the table's columns. */}
      <dl className="absolute right-0 z-10 mt-2 grid w-[30rem] grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg border border-gray-200 bg-white p-3 text-gray-600 shadow-lg dark:border-gray-700 dark:bg-gray-900 dark:text-gray-300">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-gray-400">{label}</dt>
            <dd className="font-mono break-all">{value ?? "—"}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** Usage events, newest first, each with its attribution, charge and trace. */
export function UsageTable({ events, timeZone }: { events: UsageEvent[]; timeZone: string }) {
  return (
    <Table caption="Usage events, newest first">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Model / operation</Th>
          <Th>Tokens / quantity</Th>
          <Th>Department / project</Th>
          <Th>Agent</Th>
          <Th>User</Th>
          <Th>Task / workflow</Th>
          <Th numeric>Credits</Th>
          <Th>Trace</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-testid="usage-row" className="align-top">
            <Td className="whitespace-nowrap">{formatDateTime(event.occurredAt, timeZone)}</Td>
            <Td>
              <span className="font-medium whitespace-nowrap">{event.item}</span>
              <Secondary>price v{event.priceVersion ?? "?"}</Secondary>
            </Td>
            <Td className="whitespace-nowrap tabular-nums">
              <TokenCounts event={event} />
            </Td>
            <Td>
              {event.department ?? "—"}
              <Secondary>{event.project ?? "no project"}</Secondary>
            </Td>
            <Td>{event.agent ?? "—"}</Td>
            <Td className="whitespace-nowrap">{event.userRef ?? "—"}</Td>
            <Td>
              {event.taskType ?? "—"}
              <Secondary>{event.workflow ?? "no workflow"}</Secondary>
            </Td>
            <Td numeric>
              <span className="font-medium">{formatCredits(event.chargedMicros)}</span>
              {event.chargedMicros !== event.costMicros && <Secondary>of {formatCredits(event.costMicros)} cost</Secondary>}
            </Td>
            <Td>
              <Trace event={event} timeZone={timeZone} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
