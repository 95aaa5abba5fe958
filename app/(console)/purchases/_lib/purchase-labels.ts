import type { PurchaseRow, PurchaseSource, PurchaseStatus } from "@/server/purchases/purchase-views";

// The server's own types: pages call procedures in-process, so dates stay Dates.
export type { PurchaseDetail, PurchaseRow, PurchaseSource, PurchaseStatus } from "@/server/purchases/purchase-views";
export type { PurchaseQuote } from "@/server/purchases/quote-view";

export const STATUS_LABELS: Record<PurchaseStatus, { label: string; tone: "amber" | "blue" | "green" | "red" | "gray" }> = {
  pending_approval: { label: "Pending approval", tone: "amber" },
  awaiting_payment: { label: "Awaiting payment", tone: "blue" },
  paid: { label: "Paid", tone: "green" },
  rejected: { label: "Rejected", tone: "red" },
  expired: { label: "Expired", tone: "gray" },
  cancelled: { label: "Cancelled", tone: "gray" },
};

export const SOURCE_LABELS: Record<PurchaseSource, string> = {
  request: "Request",
  auto_top_up: "Auto top-up",
};

export const isPurchaseStatus = (value: string | undefined): value is PurchaseStatus => value !== undefined && value in STATUS_LABELS;
export const isPurchaseSource = (value: string | undefined): value is PurchaseSource => value !== undefined && value in SOURCE_LABELS;

/** Who asked for a purchase, as a person reads it. */
export function requesterName(row: Pick<PurchaseRow, "source" | "requestedByName" | "apiKeyName">): string {
  if (row.source === "auto_top_up") return "Auto top-up";
  const name = row.requestedByName ?? "A former member";
  return row.apiKeyName ? `${name} (API key “${row.apiKeyName}”)` : name;
}
