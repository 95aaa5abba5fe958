import Link from "next/link";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatDateTime, formatMoney } from "@/app/_lib/format";
import { PurchaseStatusBadge } from "./_components/purchase-status-badge";
import { requesterName, type PurchaseRow } from "./_lib/purchase-labels";

const link = "text-blue-700 hover:underline dark:text-blue-300";

/** Purchases, newest first; each links to its detail and, once issued, its invoice. */
export function PurchaseTable({ rows, timeZone }: { rows: PurchaseRow[]; timeZone: string }) {
  return (
    <Table caption="Purchases, newest first">
      <thead>
        <tr>
          <Th>Requested</Th>
          <Th>Requested by</Th>
          <Th numeric>Credits</Th>
          <Th numeric>Total</Th>
          <Th>Status</Th>
          <Th>Invoice</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="align-top">
            <Td className="whitespace-nowrap">
              <Link href={`/purchases/${row.id}`} className={link}>
                {formatDateTime(row.createdAt, timeZone)}
              </Link>
            </Td>
            <Td>
              {requesterName(row)}
              {row.note && <span className="block max-w-xs truncate text-xs text-gray-500 dark:text-gray-400" title={row.note}>{row.note}</span>}
            </Td>
            <Td numeric>
              {formatCredits(row.creditsMicros)}
              {row.annualPrepay && <span className="block text-xs text-gray-500 dark:text-gray-400">annual prepay</span>}
            </Td>
            <Td numeric>{formatMoney(row.totalMinor, row.currency)}</Td>
            <Td>
              <PurchaseStatusBadge status={row.status} />
              {row.status === "pending_approval" && (
                <span className="block text-xs text-gray-500 dark:text-gray-400">
                  {row.approvalCount} of {row.requiredApprovals} approvals
                </span>
              )}
            </Td>
            <Td className="whitespace-nowrap">
              {row.invoiceNumber ? (
                <Link href={`/invoices/${row.id}`} className={`${link} font-mono text-xs`}>
                  {row.invoiceNumber}
                </Link>
              ) : (
                "—"
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
