import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { isRetryableConflict } from "../server/lib/pg-errors";
import type { Database } from "./client";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * drizzle's own class check (by entity kind, not `instanceof`), so a transaction is recognised even
 * when it comes from another copy of drizzle in the process (the production server runs Next.js's
 * bundle and our sources side by side, sharing one pool).
 */
export const isTransaction = (handle: unknown): handle is Transaction => is(handle, PgTransaction);

/** What every server function takes: the pool, or a transaction it should join. */
export type DbOrTx = Database | Transaction;

const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in a transaction. Inside an outer transaction it joins it (the outer one owns commit
 * and retries). At the top level, serialization failures and deadlocks are retried with jittered
 * backoff; `work` must therefore be safe to run again, which it is when all its effects are in `tx`.
 */
export async function withTransaction<T>(handle: DbOrTx, work: (tx: Transaction) => Promise<T>): Promise<T> {
  if (isTransaction(handle)) return work(handle);
  const db = handle as Database;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
      const backoffMs = 2 ** attempt * 5 + Math.random() * 10;
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    }
  }
}
