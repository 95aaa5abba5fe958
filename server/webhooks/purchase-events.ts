import type { PurchaseRecord } from "../purchases/purchase-store";
import type { WebhookEventInput } from "./emit";

/** The purchase as every purchase event describes it: credits in micro-credits, money in minor units. */
function purchaseData(purchase: PurchaseRecord) {
  return {
    purchaseId: purchase.id,
    source: purchase.source,
    status: purchase.status,
    creditsMicros: purchase.creditsMicros,
    netMinor: purchase.netMinor,
    totalMinor: purchase.totalMinor,
    currency: purchase.currency,
    requestedByMemberId: purchase.requestedByMemberId,
    apiKeyId: purchase.apiKeyId,
  };
}

/** A purchase at or above the approval threshold now waits for finance. */
export function purchaseRequestedEvent(purchase: PurchaseRecord): WebhookEventInput {
  return {
    type: "purchase.requested",
    key: purchase.id,
    data: { ...purchaseData(purchase), requiredApprovals: purchase.requiredApprovals, note: purchase.note, expiresAt: purchase.expiresAt?.toISOString() ?? null },
  };
}

export function purchaseDecidedEvent(
  purchase: PurchaseRecord,
  decision: { type: "purchase.approved" | "purchase.rejected"; decidedByMemberId: string; comment: string | null },
): WebhookEventInput {
  return {
    type: decision.type,
    key: purchase.id,
    data: { ...purchaseData(purchase), decidedByMemberId: decision.decidedByMemberId, comment: decision.comment, decidedAt: purchase.decidedAt?.toISOString() ?? null },
  };
}
