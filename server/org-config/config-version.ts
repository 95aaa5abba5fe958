import { eq, sql } from "drizzle-orm";
import { creditWallets } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { notFound } from "../lib/errors";

/**
 * Marks the organisation's spending configuration as changed (prices, directory, budgets, time
 * zone), in the caller's transaction: caches keyed by the version reload on their next use. It
 * takes the wallet row's lock, so a change and a spend never interleave.
 */
export async function bumpConfigVersion(tx: DbOrTx, orgId: string): Promise<void> {
  await tx
    .update(creditWallets)
    .set({ configVersion: sql`${creditWallets.configVersion} + 1` })
    .where(eq(creditWallets.orgId, orgId));
}

/** The current version and the database's clock, in one small read. */
export async function readConfigVersion(db: DbOrTx, orgId: string): Promise<{ version: number; now: Date }> {
  const [row] = await db
    .select({ version: creditWallets.configVersion, now: sql<string>`now()` })
    .from(creditWallets)
    .where(eq(creditWallets.orgId, orgId));
  if (!row) throw notFound("Organisation");
  return { version: row.version, now: new Date(row.now) };
}
