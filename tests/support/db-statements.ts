import type { SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { findPgError, type PgErrorFields } from "../../server/lib/pg-errors";

class RollBack extends Error {}

/**
 * Runs hand-written statements in a transaction that is always rolled back and returns the
 * database's refusal, or undefined when every statement succeeded. Rolling back keeps a rule that
 * fails to hold (say, a TRUNCATE that goes through) from destroying rows other test files use.
 */
export async function refusalOf(db: Database, ...statements: SQL[]): Promise<PgErrorFields | undefined> {
  try {
    await db.transaction(async (tx) => {
      for (const statement of statements) await tx.execute(statement);
      throw new RollBack();
    });
  } catch (error) {
    if (error instanceof RollBack) return undefined;
    const refusal = findPgError(error);
    if (!refusal) throw error;
    return refusal;
  }
  return undefined;
}
