import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withPipelinedTransaction } from "../../db/transaction";
import { useTestDatabase } from "../support/database";

/**
 * A backend that dies in the middle of a hot-path transaction (a failover, an administrator, a
 * pooler) must cost that transaction only: its caller gets an error, the process lives on and the
 * pool serves the next call. postgres.js wrote to a reserved connection's socket after it had
 * closed — from a setImmediate, where nothing can catch it — and the server process died
 * (porsager/postgres#1208; patched in patches/postgres+*.patch until released).
 */
const db = useTestDatabase();
const admin = useTestDatabase(1);

async function terminateAndWait(pid: number): Promise<void> {
  await admin.execute(sql`SELECT pg_terminate_backend(${pid})`);
  for (let waited = 0; waited < 10_000; waited += 20) {
    const [row] = await admin.execute<{ alive: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}) AS alive`);
    if (!row!.alive) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // The client side notices the close on its next turns of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Lets any write postgres.js left scheduled (setImmediate) run: a crash would surface here as an uncaught error. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("a backend lost in the middle of a pipelined transaction", () => {
  it("fails the transaction when its last statement and COMMIT go to a connection that has closed", async () => {
    const outcome = await withPipelinedTransaction(db, async (tx, commitWith) => {
      const [row] = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
      await terminateAndWait(row!.pid);
      commitWith(sql`SELECT ${1}::int`);
    }).then(
      () => "committed",
      (error: unknown) => error,
    );
    await settle();
    expect(outcome).toBeInstanceOf(Error);
    const [alive] = await db.execute<{ one: number }>(sql`SELECT 1 AS one`);
    expect(alive!.one).toBe(1);
  });

  it("fails the transaction when work's next statement goes to a connection that has closed (and the rollback after it)", async () => {
    const outcome = await withPipelinedTransaction(db, async (tx) => {
      const [row] = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
      await terminateAndWait(row!.pid);
      await tx.execute(sql`SELECT 2`);
    }).then(
      () => "committed",
      (error: unknown) => error,
    );
    await settle();
    expect(outcome).toBeInstanceOf(Error);
    const [alive] = await db.execute<{ one: number }>(sql`SELECT 1 AS one`);
    expect(alive!.one).toBe(1);
  });
});
