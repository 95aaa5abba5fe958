import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { withPipelinedTransaction, withTransaction, type Transaction } from "../../db/transaction";
import { openConnection } from "../support/db-connections";

/**
 * A transaction's handle outlives its transaction: code that still holds it after the COMMIT (a
 * read started ahead and never awaited, a callback that fires late) can send statements through it.
 * postgres.js would write them on the connection, which by then is the pool's — inside whichever
 * transaction its next user has open there, where a failing one aborts that stranger's work and a
 * succeeding one becomes part of it. Our patch (patches/postgres+*.patch) refuses them instead, with
 * a typed error. On a one-connection pool the next transaction is certainly on the same connection.
 */
const connection = openConnection("allot-test-ended-transactions");
afterAll(async () => {
  await connection.$client.end({ timeout: 5 });
});

/** The driver's error code behind drizzle's wrapping of a failed statement. */
async function codeOf(statement: Promise<unknown>): Promise<string | undefined> {
  const error = await statement.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ("code" in cause && typeof cause.code === "string") return cause.code;
  }
  return undefined;
}

/** Runs a transaction that sends `straggle()` (a statement through an ended handle) in its middle, and then goes on. */
async function transactionMeeting(straggle: () => Promise<unknown>) {
  return withTransaction(connection, async (tx) => {
    const [before] = await tx.execute<{ txid: string }>(sql`SELECT txid_current()::text AS txid`);
    const refusal = await codeOf(straggle());
    const [after] = await tx.execute<{ txid: string }>(sql`SELECT txid_current()::text AS txid`);
    return { refusal, sameTransaction: before!.txid === after!.txid };
  });
}

describe("a statement sent through a transaction that has ended", () => {
  it("is refused after the COMMIT, and the pool's next transaction on that connection goes on untouched", async () => {
    let ended: Transaction | undefined;
    await withTransaction(connection, async (tx) => {
      ended = tx;
      await tx.execute(sql`SELECT 1`);
    });
    // Division by zero: had it run in the next transaction, that transaction would be aborted.
    const outcome = await transactionMeeting(() => ended!.execute(sql`SELECT 1 / 0`));
    expect(outcome).toEqual({ refusal: "TRANSACTION_ENDED", sameTransaction: true });
  });

  it("is refused after the ROLLBACK of a transaction that failed", async () => {
    let ended: Transaction | undefined;
    const failure = await withTransaction(connection, async (tx) => {
      ended = tx;
      await tx.execute(sql`SELECT 1 / 0`);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await transactionMeeting(() => ended!.execute(sql`SELECT 1 / 0`))).toEqual({ refusal: "TRANSACTION_ENDED", sameTransaction: true });
  });

  it("is refused through a savepoint's handle once the savepoint's work has returned, while the transaction goes on", async () => {
    const outcome = await withTransaction(connection, async (tx) => {
      let inner: Transaction | undefined;
      await tx.transaction(async (savepoint) => {
        inner = savepoint as unknown as Transaction;
        await savepoint.execute(sql`SELECT 1`);
      });
      const refusal = await codeOf(inner!.execute(sql`SELECT 1 / 0`));
      const [row] = await tx.execute<{ one: number }>(sql`SELECT 1 AS one`);
      return { refusal, one: row!.one };
    });
    expect(outcome).toEqual({ refusal: "TRANSACTION_ENDED", one: 1 });
  });

  it("is refused through a savepoint still at work when its transaction commits", async () => {
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let straggling: Promise<unknown> | undefined;
    await withTransaction(connection, async (tx) => {
      // Started and not awaited: its work goes on after the COMMIT.
      straggling = tx.transaction(async (savepoint) => {
        await paused;
        await savepoint.execute(sql`SELECT 1 / 0`);
      });
      straggling.catch(() => {});
    });
    const outcome = await transactionMeeting(() => {
      resume();
      return straggling!;
    });
    expect(outcome).toEqual({ refusal: "TRANSACTION_ENDED", sameTransaction: true });
  });

  it("is refused through the hot path's reserved connection once it is released", async () => {
    let ended: Transaction | undefined;
    await withPipelinedTransaction(connection, async (tx) => {
      ended = tx;
      await tx.execute(sql`SELECT 1`);
    });
    expect(await transactionMeeting(() => ended!.execute(sql`SELECT 1 / 0`))).toEqual({ refusal: "RESERVATION_RELEASED", sameTransaction: true });
  });
});
