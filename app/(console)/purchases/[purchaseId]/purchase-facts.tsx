import Link from "next/link";
import { formatCredits, formatDateTime, formatMoney } from "@/app/_lib/format";
import { PurchaseStatusBadge } from "../_components/purchase-status-badge";
import { requesterName, SOURCE_LABELS, type PurchaseDetail } from "../_lib/purchase-labels";

/** The purchase's facts as a definition list; times in the organisation's zone. */
export function PurchaseFacts({ detail, timeZone }: { detail: PurchaseDetail; timeZone: string }) {
  const { purchase, invoice } = detail;
  const facts: [string, React.ReactNode][] = [
    ["Status", <PurchaseStatusBadge key="status" status={purchase.status} />],
    ["Credits", <span key="credits" data-testid="purchase-credits">{formatCredits(purchase.creditsMicros)}</span>],
    ["Total", formatMoney(purchase.totalMinor, purchase.currency)],
    ["Net (before tax)", formatMoney(purchase.netMinor, purchase.currency)],
    ["Requested by", `${requesterName(purchase)}${purchase.requestedByEmail ? ` (${purchase.requestedByEmail})` : ""}`],
    ["Requested", formatDateTime(purchase.createdAt, timeZone)],
    ["Source", SOURCE_LABELS[purchase.source]],
    ["Annual prepay", purchase.annualPrepay ? "Yes: the credits expire 12 months after they are granted" : "No"],
    ["Approvals", purchase.requiredApprovals === 0 ? "Not needed (below the threshold)" : `${purchase.approvalCount} of ${purchase.requiredApprovals}`],
    [
      "Invoice",
      invoice ? (
        <Link key="invoice" href={`/invoices/${purchase.id}`} className="font-mono text-blue-700 hover:underline dark:text-blue-300">
          {invoice.number}
        </Link>
      ) : (
        "Not issued"
      ),
    ],
  ];
  if (purchase.status === "pending_approval" && purchase.expiresAt) facts.push(["Expires", formatDateTime(purchase.expiresAt, timeZone)]);
  if (purchase.decidedAt) facts.push(["Decided", formatDateTime(purchase.decidedAt, timeZone)]);
  if (purchase.paidAt) facts.push(["Paid", formatDateTime(purchase.paidAt, timeZone)]);
  if (purchase.note) facts.push(["Note", purchase.note]);
  facts.push(["Idempotency key", <span key="key" className="font-mono text-xs break-all">{purchase.idempotencyKey}</span>]);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-gray-500 dark:text-gray-400">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
