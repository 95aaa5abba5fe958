import { and, eq, sql } from "drizzle-orm";
import { apiKeys, purchases } from "../../db/schema";
import { withTransaction, type DbOrTx, type Transaction } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { actorOf, type Principal } from "../auth/principal";
import { lockWallet } from "../ledger/wallet";
import { hashPayload } from "../lib/hash";
import { uuidv7 } from "../lib/ids";
import { replayOrConflict } from "../usage/idempotency";
import { DEFAULT_PAYMENT_METHOD, startPayment } from "./payment/payment-step";
import type { CreatePurchaseInput } from "./purchase-input";
import { emitWebhookEvent } from "../webhooks/emit";
import { purchaseRequestedEvent } from "../webhooks/purchase-events";
import { notifyApprovers } from "./purchase-emails";
import { auditSnapshot, type PurchaseRecord } from "./purchase-store";
import { purchaseView } from "./purchase-view";
import type { CreatePurchaseResult, PurchaseSource } from "./purchase-views";
import { quoteFor } from "./quote";
import { getPurchaseSettings, quoteContextOf } from "./settings";
import type { PurchaseQuote } from "./quote-view";

/** Who a purchase is requested by. */
export interface PurchaseRequester {
  /** For the audit trail: "member:<id>", "api_key:<id>" or "system". */
  actor: string;
  /** The member who asked; for an API key, the member who created the key; null for the system. */
  memberId: string | null;
  apiKeyId: string | null;
  source: PurchaseSource;
}

export interface PurchaseRequest {
  idempotencyKey: string;
  requestHash: string;
  quote: PurchaseQuote;
  approvalExpiryHours: number;
  note: string | null;
}

/**
 * Records a purchase request, under the organisation's wallet lock: at or above the approval
 * threshold it waits for finance (who are e-mailed), below it the payment step starts at once.
 */
export async function requestPurchase(tx: Transaction, orgId: string, requester: PurchaseRequester, request: PurchaseRequest, now: Date): Promise<PurchaseRecord> {
  const { quote } = request;
  const needsApproval = quote.approval.approvers > 0;
  const [row] = await tx
    .insert(purchases)
    .values({
      orgId,
      id: uuidv7(),
      idempotencyKey: request.idempotencyKey,
      requestHash: request.requestHash,
      source: requester.source,
      status: needsApproval ? "pending_approval" : "awaiting_payment",
      requestedByMemberId: requester.memberId,
      apiKeyId: requester.apiKeyId,
      creditsMicros: quote.creditsMicros,
      annualPrepay: quote.annualPrepay,
      currency: quote.currency,
      netMinor: quote.netMinor,
      totalMinor: quote.totalMinor,
      quote,
      requiredApprovals: quote.approval.approvers,
      paymentMethod: DEFAULT_PAYMENT_METHOD,
      note: request.note,
      expiresAt: needsApproval ? sql`now() + make_interval(hours => ${request.approvalExpiryHours}::int)` : null,
    })
    .returning();
  const purchase = row!;
  await recordAudit(tx, {
    orgId,
    actor: requester.actor,
    action: "purchase.requested",
    targetType: "purchase",
    targetId: purchase.id,
    before: null,
    after: auditSnapshot(purchase, { totalExact: quote.totalExact }),
  });
  if (!needsApproval) return startPayment(tx, purchase, requester.actor, now);
  await notifyApprovers(tx, purchase);
  await emitWebhookEvent(tx, orgId, purchaseRequestedEvent(purchase));
  return purchase;
}

async function requesterOf(tx: Transaction, principal: Principal): Promise<PurchaseRequester> {
  if (principal.kind === "member") return { actor: actorOf(principal), memberId: principal.memberId, apiKeyId: null, source: "request" };
  // A key acts for the member who created it: that member cannot approve what the key asks for.
  const [key] = await tx
    .select({ createdBy: apiKeys.createdByMemberId })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, principal.orgId), eq(apiKeys.id, principal.apiKeyId)));
  return { actor: actorOf(principal), memberId: key?.createdBy ?? null, apiKeyId: principal.apiKeyId, source: "request" };
}

/**
 * `purchases.create`: idempotent per organisation on `idempotencyKey` (the same key and payload
 * from the same caller answers the same purchase, as it is now, with `replay`; anything else under
 * the key is IDEMPOTENCY_CONFLICT). The key is checked under the wallet lock, so concurrent
 * duplicates create one purchase.
 */
export async function createPurchase(db: DbOrTx, principal: Principal, input: CreatePurchaseInput): Promise<CreatePurchaseResult> {
  const orgId = principal.orgId;
  const requestHash = hashPayload({
    creditsMicros: input.creditsMicros ?? null,
    amountMinor: input.amountMinor ?? null,
    annualPrepay: input.annualPrepay,
    note: input.note ?? null,
    by: actorOf(principal),
  });
  const { purchaseId, replay } = await withTransaction(db, async (tx) => {
    const wallet = await lockWallet(tx, orgId);
    const [existing] = await tx
      .select({ id: purchases.id, requestHash: purchases.requestHash })
      .from(purchases)
      .where(and(eq(purchases.orgId, orgId), eq(purchases.idempotencyKey, input.idempotencyKey)));
    if (existing) {
      return { purchaseId: replayOrConflict({ requestHash: existing.requestHash, response: existing.id }, requestHash, input.idempotencyKey), replay: true };
    }
    const settings = await getPurchaseSettings(tx, orgId);
    const request: PurchaseRequest = {
      idempotencyKey: input.idempotencyKey,
      requestHash,
      quote: quoteFor(quoteContextOf(settings), input),
      approvalExpiryHours: settings.approvalExpiryHours,
      note: input.note || null,
    };
    const purchase = await requestPurchase(tx, orgId, await requesterOf(tx, principal), request, wallet.now);
    return { purchaseId: purchase.id, replay: false };
  });
  return { ...(await purchaseView(db, orgId, purchaseId)), replay };
}
