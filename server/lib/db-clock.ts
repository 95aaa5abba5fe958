import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";

/** The database's clock: the one clock for periods, expiries and ordering (DESIGN.md, invariant 9). */
export async function dbNow(db: DbOrTx): Promise<Date> {
  const [row] = await db.execute<{ now: string }>(sql`SELECT now() AS now`);
  return new Date(row!.now);
}

/**
 * The transaction's clock to the millisecond — what a JavaScript Date holds — as SQL text. The
 * wallet lock reports "now" with it, and statements sent before the lock has answered (expiries,
 * grant cut-offs) compare with it, so all of them mean exactly the same instant.
 */
export const TRANSACTION_CLOCK = "date_trunc('milliseconds', now())";
