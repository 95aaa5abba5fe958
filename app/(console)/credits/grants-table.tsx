import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatDate, formatDateTime } from "@/app/_lib/format";
import type { listGrants } from "@/server/ledger/balance";

export type GrantRow = Awaited<ReturnType<typeof listGrants>>[number];

/** Open, spent or expired — what a grant can still do. */
export function grantStatus(grant: GrantRow): "open" | "spent" | "expired" {
  if (grant.expiredAt) return "expired";
  return grant.remainingMicros > 0 ? "open" : "spent";
}

const STATUS_STYLES = {
  open: "bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-200",
  spent: "bg-gray-100 text-gray-700 dark:bg-gray-800 dark:text-gray-300",
  expired: "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
};

/** Every grant, newest first. */
export function GrantsTable({ grants, timeZone }: { grants: GrantRow[]; timeZone: string }) {
  return (
    <Table caption="Credit grants, newest first">
      <thead>
        <tr>
          <Th>Granted</Th>
          <Th>Kind</Th>
          <Th numeric>Priority</Th>
          <Th numeric>Amount</Th>
          <Th numeric>Remaining</Th>
          <Th>Expires</Th>
          <Th>Status</Th>
          <Th>Memo</Th>
          <Th>Source</Th>
        </tr>
      </thead>
      <tbody>
        {grants.map((grant) => {
          const status = grantStatus(grant);
          return (
            <tr key={grant.id} className="align-top">
              <Td className="whitespace-nowrap">{formatDateTime(grant.createdAt, timeZone)}</Td>
              <Td className="capitalize">{grant.kind}</Td>
              <Td numeric>{grant.priority}</Td>
              <Td numeric>{formatCredits(grant.amountMicros)}</Td>
              <Td numeric>{formatCredits(grant.remainingMicros)}</Td>
              <Td className="whitespace-nowrap">{grant.expiresAt ? formatDateTime(grant.expiresAt, timeZone) : "Never"}</Td>
              <Td>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ${STATUS_STYLES[status]}`}>{status}</span>
                {grant.expiredAt && <span className="block text-xs text-gray-500 dark:text-gray-400">{formatDate(grant.expiredAt, timeZone)}</span>}
              </Td>
              <Td className="max-w-xs break-words">{grant.memo || "—"}</Td>
              <Td className="font-mono text-xs break-all">{grant.sourceRef ?? "—"}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
