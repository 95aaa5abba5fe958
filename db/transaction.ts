import { is, type SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import { PgTransaction } from "drizzle-orm/pg-core";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { isRetryableConflict } from "../server/lib/pg-errors";
import { renderShaped, type ShapedStatement } from "../server/lib/shaped-sql";
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
  return retryingConflicts(() => db.transaction(work));
}

/**
 * Hands a transaction's last statement to `withPipelinedTransaction` to send together with COMMIT.
 * It is sent as a prepared statement (described once per connection, then one message), so its text
 * should depend only on its shape, with every value a parameter — best a `ShapedStatement`, whose
 * text is also rendered only once per shape.
 */
export type CommitWith = (lastStatement: LastStatement) => void;
type LastStatement = SQL | ShapedStatement;

/**
 * `withTransaction` for the metering hot path, two round trips shorter: `BEGIN` is not awaited on
 * its own but goes out with the transaction's first statement, and `COMMIT` with its last one when
 * `work` hands that over (`commitWith`). postgres.js pipelines statements on a connection and
 * PostgreSQL runs them in order, so the transaction is the same — a failed last statement turns the
 * COMMIT into a rollback, and its error is the answer. On a machine where every socket write costs a
 * system call and a wake-up, a group of calls costs three round trips instead of five. Same joining
 * and retry rules as `withTransaction`; no savepoints inside (nothing on the hot path nests one).
 */
export async function withPipelinedTransaction<T>(handle: DbOrTx, work: (tx: Transaction, commitWith: CommitWith) => Promise<T>): Promise<T> {
  if (isTransaction(handle)) {
    let last: LastStatement | undefined;
    const result = await work(handle, (statement) => void (last = statement));
    if (last) await runPrepared(handle, last);
    return result;
  }
  const db = handle as Database;
  return retryingConflicts(async () => {
    const connection = await db.$client.reserve();
    try {
      const tx = transactionOn(db, connection);
      const began = connection`BEGIN`.execute();
      // Its failure (a lost connection) is also the first statement's; it is awaited before COMMIT.
      began.catch(() => {});
      let last: LastStatement | undefined;
      let result: T;
      try {
        result = await work(tx, (statement) => void (last = statement));
        await began;
      } catch (error) {
        await connection`ROLLBACK`.catch(() => {});
        throw error;
      }
      if (!last) {
        await connection`COMMIT`;
        return result;
      }
      // Sent in the same tick: postgres.js writes both in one go.
      const [lastDone, committed] = await Promise.allSettled([runPrepared(tx, last), connection`COMMIT`.execute()]);
      if (lastDone.status === "rejected") throw lastDone.reason;
      if (committed.status === "rejected") throw committed.reason;
      return result;
    } finally {
      connection.release();
    }
  });
}

/** drizzle's `execute` sends statements unprepared, which postgres.js describes before running: two round trips. Prepared, one. */
function runPrepared(tx: Transaction, statement: LastStatement): Promise<unknown> {
  const { client, dialect } = sessionOf(tx);
  const { sql, params } = "shape" in statement ? renderShaped(dialect, statement) : dialect.sqlToQuery(statement);
  return client.unsafe(sql, params as postgres.ParameterOrJSON<never>[], { prepare: true }).execute();
}

/** The parts of drizzle's session we build on (checked by tests/db/pipelined-transaction.test.ts). */
function sessionOf(handle: Database | Transaction): { client: postgres.Sql; dialect: PgDialect; schema: unknown; options: object } {
  const session = (handle as unknown as { session?: { client?: postgres.Sql; dialect?: PgDialect; schema?: unknown; options?: object } }).session;
  if (!session?.client || !session.dialect || !session.options) throw new Error("drizzle's session no longer exposes its client, dialect and options");
  return { client: session.client, dialect: session.dialect, schema: session.schema, options: session.options };
}

/** A drizzle transaction object on a connection whose transaction we run ourselves (as drizzle's own `transaction` builds it). */
function transactionOn(db: Database, connection: postgres.ReservedSql): Transaction {
  const { dialect, schema, options } = sessionOf(db);
  type Schema = ConstructorParameters<typeof PostgresJsSession>[2];
  const txSession = new PostgresJsSession(connection, dialect, schema as Schema, options);
  // Typed for a postgres.js transaction handle; it uses only what a reserved connection also has (no savepoints here).
  return new PostgresJsTransaction(dialect, txSession as never, schema as Schema) as unknown as Transaction;
}

async function retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
      const backoffMs = 2 ** n * 5 + Math.random() * 10;
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    }
  }
}
