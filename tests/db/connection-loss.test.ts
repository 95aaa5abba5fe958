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

/**
 * Runs a pipelined transaction whose `work` ends its own backend midway, lets any write
 * postgres.js left scheduled (setImmediate) run — a crash would surface there as an uncaught error —
 * and checks the call failed with an error while the pool still serves the next one.
 */
async function expectLostAlone(work: Parameters<typeof withPipelinedTransaction>[1]): Promise<void> {
  const outcome = await withPipelinedTransaction(db, work).then(
    () => "committed",
    (error: unknown) => error,
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(outcome).toBeInstanceOf(Error);
  const [alive] = await db.execute<{ one: number }>(sql`SELECT 1 AS one`);
  expect(alive!.one).toBe(1);
}

const ownBackend = async (tx: Parameters<Parameters<typeof withPipelinedTransaction>[1]>[0]) =>
  (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;

describe("a backend lost in the middle of a pipelined transaction", () => {
  it("fails the transaction when its last statement and COMMIT go to a connection that has closed", async () => {
    await expectLostAlone(async (tx, commitWith) => {
      await terminateAndWait(await ownBackend(tx));
      commitWith(sql`SELECT ${1}::int`);
    });
  });

  it("fails the transaction when work's next statement goes to a connection that has closed (and the rollback after it)", async () => {
    await expectLostAlone(async (tx) => {
      await terminateAndWait(await ownBackend(tx));
      await tx.execute(sql`SELECT 2`);
    });
  });
});
