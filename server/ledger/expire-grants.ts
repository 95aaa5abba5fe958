import { lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { creditWallets } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { lockWallet } from "./wallet";

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
    await withTransaction(db, (tx) => lockWallet(tx, orgId));
  }
  return { organizations: due.length };
}
