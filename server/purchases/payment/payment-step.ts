import { sql } from "drizzle-orm";
import { withTransaction, type DbOrTx, type Transaction } from "../../../db/transaction";
import { recordAudit } from "../../audit/record-audit";
import { createGrant } from "../../ledger/grants";
import { lockWallet } from "../../ledger/wallet";
import { invalidInput } from "../../lib/errors";
import { auditSnapshot, lockPurchase, notIn, transitionPurchase, type PurchaseRecord } from "../purchase-store";
import { invoicePayment } from "./invoice";
import type { PaymentCompletion, PaymentMethod } from "./payment-method";

/** The payment methods Allot knows; a card processor is one more entry here. */
const PAYMENT_METHODS: Record<string, PaymentMethod> = { [invoicePayment.name]: invoicePayment };
export const DEFAULT_PAYMENT_METHOD = invoicePayment.name;

export function paymentMethodOf(purchase: Pick<PurchaseRecord, "paymentMethod">): PaymentMethod {
  const method = PAYMENT_METHODS[purchase.paymentMethod];
  if (!method) throw invalidInput(`Unknown payment method "${purchase.paymentMethod}"`);
  return method;
}

/** Annual-prepay credits are valid for 12 months from the day they are granted. */
function annualExpiry(now: Date): Date {
  const expiry = new Date(now);
  expiry.setUTCFullYear(expiry.getUTCFullYear() + 1);
  return expiry;
}

/**
 * Starts the payment of a purchase that may now be paid (it needed no approval, or got it). Runs
 * under the wallet lock with the purchase locked and `awaiting_payment`.
 */
export async function startPayment(tx: Transaction, purchase: PurchaseRecord, actor: string, now: Date): Promise<PurchaseRecord> {
  const started = await paymentMethodOf(purchase).start(tx, purchase);
  await recordAudit(tx, {
    orgId: purchase.orgId,
    actor,
    action: "purchase.payment_started",
    targetType: "purchase",
    targetId: purchase.id,
    before: auditSnapshot(purchase),
    after: auditSnapshot(purchase, { paymentMethod: purchase.paymentMethod, ...started.details }),
  });
  return started.completed ? completePayment(tx, purchase, actor, { actorMemberId: null, reference: null }, now) : purchase;
}

/** The payment arrived: record it with the method, grant the credits, mark the purchase paid. Locked, `awaiting_payment`. */
async function completePayment(tx: Transaction, purchase: PurchaseRecord, actor: string, completion: PaymentCompletion, now: Date): Promise<PurchaseRecord> {
  if (purchase.status !== "awaiting_payment") throw notIn(purchase, "paid");
  const details = await paymentMethodOf(purchase).complete(tx, purchase, completion);
  const grant = await createGrant(tx, {
    orgId: purchase.orgId,
    kind: "purchase",
    amountMicros: purchase.creditsMicros,
    expiresAt: purchase.annualPrepay ? annualExpiry(now) : null,
    memo: `Purchase ${typeof details.invoiceNumber === "string" ? details.invoiceNumber : purchase.id}`,
    sourceRef: purchase.id,
    actorMemberId: completion.actorMemberId,
  });
  return transitionPurchase(tx, purchase, {
    from: ["awaiting_payment"],
    to: "paid",
    set: { paidAt: sql`now()`, grantId: grant.id },
    actor,
    action: "purchase.paid",
    details: { ...details, grantId: grant.id },
  });
}

/**
 * The way a payment is completed from outside (finance marking an invoice paid, a processor's
 * webhook): takes the locks, checks the purchase still awaits payment, and completes it — so the
 * credits are granted exactly once however often it is called. `authorize` runs on the locked row.
 */
export async function completePurchasePayment(
  db: DbOrTx,
  input: { orgId: string; purchaseId: string; actor: string; completion: PaymentCompletion; authorize?: (purchase: PurchaseRecord) => void },
): Promise<PurchaseRecord> {
  return withTransaction(db, async (tx) => {
    const wallet = await lockWallet(tx, input.orgId);
    const purchase = await lockPurchase(tx, input.orgId, input.purchaseId);
    input.authorize?.(purchase);
    return completePayment(tx, purchase, input.actor, input.completion, wallet.now);
  });
}

/** Voids what the payment step started (the purchase is being cancelled before it was paid). */
export async function voidPayment(tx: Transaction, purchase: PurchaseRecord): Promise<Record<string, unknown>> {
  return paymentMethodOf(purchase).void(tx, purchase);
}
