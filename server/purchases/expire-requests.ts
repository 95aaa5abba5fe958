import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { purchases } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { lockWallet } from "../ledger/wallet";
import { notifyDecision } from "./purchase-emails";
import { lockPurchase, transitionPurchase } from "./purchase-store";

const BATCH = 200;

/**
 * The `expire-purchase-requests` job: a request nobody decided before its `expiresAt` (database
 * clock) expires, and the requester is told. Each one is re-checked on the locked row, so a
 * decision that got there first wins and two runs at once expire it once.
 */
export async function expirePurchaseRequests(db: Database): Promise<{ expired: number }> {
  const due = await db
    .select({ orgId: purchases.orgId, id: purchases.id })
    .from(purchases)
    .where(and(eq(purchases.status, "pending_approval"), lte(purchases.expiresAt, sql`now()`)))
    .orderBy(asc(purchases.expiresAt))
    .limit(BATCH);
  let expired = 0;
  for (const { orgId, id } of due) {
    const done = await withTransaction(db, async (tx) => {
      const wallet = await lockWallet(tx, orgId);
      const purchase = await lockPurchase(tx, orgId, id);
      if (purchase.status !== "pending_approval" || !purchase.expiresAt || purchase.expiresAt > wallet.now) return false;
      const row = await transitionPurchase(tx, purchase, {
        from: ["pending_approval"],
        to: "expired",
        set: { decidedAt: sql`now()` },
        actor: "system",
        action: "purchase.expired",
      });
      await notifyDecision(tx, row, { decision: "expired", decidedBy: null, comment: null, invoiceNumber: null });
      return true;
    });
    if (done) expired++;
  }
  return { expired };
}
