import { EmptyState } from "@/app/_components/empty-state";
import { Table, Td, Th } from "@/app/_components/table";
import { formatDateTime } from "@/app/_lib/format";
import type { listDeliveries } from "@/server/webhooks/deliveries";
import { ActionButton } from "../../_components/action-button";
import { MessageStatus, MessageTiming } from "../../deliveries/message-status";
import { replayDelivery } from "../actions";

/** As the in-process caller returns it (dates are Dates). */
type Delivery = Awaited<ReturnType<typeof listDeliveries>>[number];
type Attempt = Delivery["attemptLog"][number];

function AttemptOutcome({ attempt }: { attempt: Attempt }) {
  const ok = attempt.statusCode !== null && attempt.statusCode < 300;
  return (
    <span className={ok ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-300"}>
      {attempt.statusCode === null ? (attempt.error ?? "No answer") : `HTTP ${attempt.statusCode}`} · {attempt.durationMs} ms
    </span>
  );
}

/** An endpoint's deliveries, newest first; each row opens onto its attempts (status, answer excerpt, duration). */
export function DeliveryLog({ deliveries, timeZone, canReplay }: { deliveries: Delivery[]; timeZone: string; canReplay: boolean }) {
  if (deliveries.length === 0) {
    return <EmptyState title="No deliveries yet">Events this endpoint subscribes to appear here as they happen; “Send test event” sends one now.</EmptyState>;
  }
  return (
    <Table caption="Deliveries to this endpoint, newest first">
      <thead>
        <tr>
          <Th>Queued</Th>
          <Th>Event</Th>
          <Th>Status</Th>
          <Th>Attempts</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id} className="align-top" data-testid="webhook-delivery">
            <Td className="whitespace-nowrap">{formatDateTime(delivery.createdAt, timeZone)}</Td>
            <Td className="min-w-56">
              <code className="font-medium">{delivery.type}</code>
              <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">{delivery.eventId}</span>
              {delivery.replayOf && <span className="block text-xs text-gray-500 dark:text-gray-400">Replay</span>}
            </Td>
            <Td className="whitespace-nowrap">
              <MessageStatus status={delivery.status} />
              <MessageTiming message={delivery} timeZone={timeZone} />
            </Td>
            <Td className="min-w-72 text-xs">
              {delivery.attemptLog.length === 0 ? (
                <span className="text-gray-500 dark:text-gray-400">{delivery.lastError ?? "Not attempted yet"}</span>
              ) : (
                <details>
                  <summary className="cursor-pointer">
                    {delivery.attemptLog.length} {delivery.attemptLog.length === 1 ? "attempt" : "attempts"}, last: <AttemptOutcome attempt={delivery.attemptLog[0]!} />
                  </summary>
                  <ol className="mt-2 space-y-2">
                    {delivery.attemptLog.map((attempt) => (
                      <li key={attempt.id}>
                        <span className="block">
                          {formatDateTime(attempt.createdAt, timeZone)} · <AttemptOutcome attempt={attempt} />
                        </span>
                        {attempt.responseExcerpt && (
                          <pre className="mt-1 max-h-32 overflow-auto rounded bg-gray-100 p-2 whitespace-pre-wrap dark:bg-gray-800">{attempt.responseExcerpt}</pre>
                        )}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </Td>
            <Td className="text-right whitespace-nowrap">
              {canReplay && (
                <ActionButton action={replayDelivery} fields={{ messageId: delivery.id }} label="Replay" subject={`${delivery.type} ${delivery.eventId}`} pendingLabel="Replaying…" />
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
