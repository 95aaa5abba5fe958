import { lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { creditWallets } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
import { availableMicros, lockWallet } from "./wallet";

/**
 * The expiry job: posts the expiry of every grant whose time has come, one organisation per
 * transaction. Locking the wallet does the work (see lockWallet); running it twice changes nothing.
 */
export async function expireGrants(db: Database): Promise<{ organizations: number }> {
  const due = await db
    .select({ orgId: creditWallets.orgId })
    .from(creditWallets)
    .where(lte(creditWallets.nextExpiryAt, sql`now()`));
  for (const { orgId } of due) {
    await withTransaction(db, async (tx) => {
      const wallet = await lockWallet(tx, orgId);
      await checkLowBalance(tx, wallet, availableMicros(wallet));
    });
  }
  return { organizations: due.length };
}
