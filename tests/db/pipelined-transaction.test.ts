import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPipelinedTransaction, withTransaction } from "../../db/transaction";
import { findPgError } from "../../server/lib/pg-errors";
import { useTestDatabase } from "../support/database";

/** The hot path's transactions (db/transaction.ts): BEGIN sent with the first statement, COMMIT with the last. */
const db = useTestDatabase();
const table = sql.raw(`pipelined_${randomBytes(4).toString("hex")}`);
const rows = async () => (await db.execute<{ id: number }>(sql`SELECT id FROM public.${table} ORDER BY id`)).map((row) => row.id);

beforeAll(async () => {
  await db.execute(sql`CREATE TABLE public.${table} (id integer PRIMARY KEY)`);
});
afterAll(async () => {
  await db.execute(sql`DROP TABLE public.${table}`);
});

describe("withPipelinedTransaction", () => {
  it("runs every statement, the first and the handed-over last one included, in one transaction", async () => {
    const txids = await withPipelinedTransaction(db, async (tx, commitWith) => {
      const [first] = await tx.execute<{ txid: string }>(sql`SELECT txid_current()::text AS txid`);
      await tx.execute(sql`INSERT INTO public.${table} (id) VALUES (1)`);
      const [later] = await tx.execute<{ txid: string }>(sql`SELECT txid_current()::text AS txid`);
      commitWith(sql`INSERT INTO public.${table} (id) SELECT ${2}::int WHERE txid_current() = ${later!.txid}::bigint`);
      return [first!.txid, later!.txid];
    });
    expect(txids[0]).toBe(txids[1]);
    expect(await rows()).toEqual([1, 2]);
  });

  it("commits nothing when the last statement fails, and answers with its error", async () => {
    const failure = await withPipelinedTransaction(db, async (tx, commitWith) => {
      await tx.execute(sql`INSERT INTO public.${table} (id) VALUES (3)`);
      commitWith(sql`INSERT INTO public.${table} (id) VALUES (${1})`);
    }).catch((error: unknown) => error);
    expect(findPgError(failure)?.code).toBe("23505");
    expect(await rows()).toEqual([1, 2]);
  });

  it("rolls back when the work throws", async () => {
    const failure = await withPipelinedTransaction(db, async (tx) => {
      await tx.execute(sql`INSERT INTO public.${table} (id) VALUES (4)`);
      throw new Error("changed my mind");
    }).catch((error: unknown) => error);
    expect((failure as Error).message).toBe("changed my mind");
    expect(await rows()).toEqual([1, 2]);
  });

  it("commits without a handed-over statement, and leaves the connection usable", async () => {
    await withPipelinedTransaction(db, async (tx) => {
      await tx.execute(sql`INSERT INTO public.${table} (id) VALUES (5)`);
    });
    // Many more, concurrently, over the pool's connections: none is left inside a transaction.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        withPipelinedTransaction(db, async (_tx, commitWith) => commitWith(sql`INSERT INTO public.${table} (id) VALUES (${100 + i})`)),
      ),
    );
    expect((await rows()).length).toBe(43);
    await db.execute(sql`DELETE FROM public.${table} WHERE id >= 100`);
  });

  it("joins an outer transaction, whose rollback undoes it", async () => {
    await withTransaction(db, async (outer) => {
      await withPipelinedTransaction(outer, async (_tx, commitWith) => commitWith(sql`INSERT INTO public.${table} (id) VALUES (${6})`));
      const [seen] = await outer.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM public.${table} WHERE id = 6`);
      expect(seen!.n).toBe(1);
      await outer.execute(sql`SELECT 1/0`);
    }).catch(() => {});
    expect(await rows()).toEqual([1, 2, 5]);
  });
});
