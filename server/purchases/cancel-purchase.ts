import { sql } from "drizzle-orm";
import { purchases } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { actorOf, type Principal } from "../auth/principal";
import { lockWallet } from "../ledger/wallet";
import { forbidden, notFound } from "../lib/errors";
import { voidPayment } from "./payment/payment-step";
import { isRequester, mayCancel, purchaseVisibility } from "./purchase-access";
import { lockPurchase, notIn, purchaseRow, transitionPurchase } from "./purchase-store";
import type { PurchaseRow } from "./purchase-views";

/**
 * Withdraws a purchase before it is paid: the requester while it waits for approval; finance or
 * an administrator also while it waits for payment (its invoice is voided and keeps its number).
 */
export async function cancelPurchase(db: DbOrTx, principal: Principal, input: { purchaseId: string; reason?: string }): Promise<PurchaseRow> {
  await withTransaction(db, async (tx) => {
    await lockWallet(tx, principal.orgId);
    const purchase = await lockPurchase(tx, principal.orgId, input.purchaseId);
    // Someone who may not see the purchase learns nothing about it.
    if (purchaseVisibility(principal) && !isRequester(principal, purchase)) throw notFound("Purchase", { purchaseId: input.purchaseId });
    if (!mayCancel(principal, purchase)) {
      if (purchase.status === "pending_approval" || purchase.status === "awaiting_payment") {
        throw forbidden("Only finance or an administrator can cancel a purchase that is waiting for payment");
      }
      throw notIn(purchase, "cancelled");
    }
    const voided = purchase.status === "awaiting_payment" ? await voidPayment(tx, purchase) : {};
    await transitionPurchase(tx, purchase, {
      from: ["pending_approval", "awaiting_payment"],
      to: "cancelled",
      set: { decidedAt: sql`coalesce(${purchases.decidedAt}, now())` },
      actor: actorOf(principal),
      action: "purchase.cancelled",
      details: { reason: input.reason || null, ...voided },
    });
  });
  return purchaseRow(db, principal.orgId, input.purchaseId);
}
