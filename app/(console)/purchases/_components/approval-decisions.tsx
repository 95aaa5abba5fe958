import { formatDateTime } from "@/app/_lib/format";
import { StatusBadge } from "../../admin/_components/status-badge";
import type { PurchaseDetail } from "../_lib/purchase-labels";

type Approval = PurchaseDetail["approvals"][number];

/** Finance's decisions on a purchase, in order, with their comments. */
export function ApprovalDecisions({ approvals, timeZone }: { approvals: Approval[]; timeZone: string }) {
  return (
    <ul className="space-y-2" aria-label="Decisions">
      {approvals.map((approval) => (
        <li key={approval.memberId} className="text-sm">
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge tone={approval.decision === "approved" ? "green" : "red"}>{approval.decision === "approved" ? "Approved" : "Rejected"}</StatusBadge>
            <span className="font-medium">{approval.name}</span>
            <span className="text-gray-500 dark:text-gray-400">{formatDateTime(approval.createdAt, timeZone)}</span>
          </span>
          {approval.comment && <q className="mt-1 block text-gray-700 dark:text-gray-300">{approval.comment}</q>}
        </li>
      ))}
    </ul>
  );
}
