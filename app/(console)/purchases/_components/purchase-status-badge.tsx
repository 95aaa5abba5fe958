import { StatusBadge } from "../../admin/_components/status-badge";
import { STATUS_LABELS, type PurchaseStatus } from "../_lib/purchase-labels";

export function PurchaseStatusBadge({ status }: { status: PurchaseStatus }) {
  const { label, tone } = STATUS_LABELS[status];
  return <StatusBadge tone={tone}>{label}</StatusBadge>;
}
