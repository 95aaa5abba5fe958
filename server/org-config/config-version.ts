import { eq, sql } from "drizzle-orm";
import { creditWallets } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { notFound } from "../lib/errors";
import { allotSchemaName, rawClient } from "../lib/raw-sql";

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
  // On every estimate and status call: a raw statement (server/lib/raw-sql.ts).
  const raw = rawClient(db);
  const [row] = await raw<{ config_version: string; now: string }[]>`
    SELECT config_version, now() AS now FROM ${raw(allotSchemaName)}.credit_wallets WHERE org_id = ${orgId}`;
  if (!row) throw notFound("Organisation");
  return { version: Number(row.config_version), now: new Date(row.now) };
}
