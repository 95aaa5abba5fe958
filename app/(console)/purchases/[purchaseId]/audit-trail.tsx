import { Table, Td, Th } from "@/app/_components/table";
import { formatDateTime } from "@/app/_lib/format";
import type { PurchaseDetail } from "../_lib/purchase-labels";
import { actionLabel, auditChanges } from "./audit-changes";

type AuditEntry = PurchaseDetail["audit"][number];

const shown = (value: unknown) => (value === null ? "—" : String(value));

/** Every change to the purchase, oldest first: who, when, what, and the record before and after. */
export function AuditTrail({ entries, timeZone }: { entries: AuditEntry[]; timeZone: string }) {
  return (
    <Table caption="Audit trail, oldest first">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>What</Th>
          <Th>Changes</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const changes = auditChanges(entry.before, entry.after);
          return (
            <tr key={entry.id} className="align-top">
              <Td className="whitespace-nowrap">{formatDateTime(entry.createdAt, timeZone)}</Td>
              <Td>
                {entry.actorName}
                <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">{entry.actor}</span>
              </Td>
              <Td>
                {actionLabel(entry.action)}
                <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">{entry.action}</span>
              </Td>
              <Td>
                {changes.length > 0 && (
                  <ul className="space-y-0.5">
                    {changes.map((change) => (
                      <li key={change.field}>
                        <span className="font-mono text-xs">{change.field}</span>: {shown(change.before)} → {shown(change.after)}
                      </li>
                    ))}
                  </ul>
                )}
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer text-gray-500 dark:text-gray-400">Before and after</summary>
                  <div className="mt-1 grid gap-2 md:grid-cols-2">
                    {(["before", "after"] as const).map((side) => (
                      <div key={side}>
                        <p className="font-medium capitalize">{side}</p>
                        <pre className="max-h-64 overflow-auto rounded bg-gray-50 p-2 dark:bg-gray-950">{entry[side] === null || entry[side] === undefined ? "—" : JSON.stringify(entry[side], null, 2)}</pre>
                      </div>
                    ))}
                  </div>
                </details>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
