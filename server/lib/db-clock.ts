import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";

/** The database's clock: the one clock for periods, expiries and ordering (DESIGN.md, invariant 9). */
export async function dbNow(db: DbOrTx): Promise<Date> {
  const [row] = await db.execute<{ now: string }>(sql`SELECT now() AS now`);
  return new Date(row!.now);
}
