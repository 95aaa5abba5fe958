import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rawClient } from "../../server/lib/raw-sql";
import { useTestDatabase } from "../support/database";

const db = useTestDatabase();

describe("raw statements on the hot path", () => {
  it("run on the transaction's own connection inside a transaction", async () => {
    await db.transaction(async (tx) => {
      const [viaDrizzle] = await tx.execute<{ id: string }>(sql`SELECT txid_current()::text AS id`);
      const [viaRaw] = await rawClient(tx)<{ id: string }[]>`SELECT txid_current()::text AS id`;
      expect(viaRaw!.id).toBe(viaDrizzle!.id);
    });
  });

  it("run on the pool outside one", async () => {
    const [row] = await rawClient(db)<{ one: number }[]>`SELECT 1 AS one`;
    expect(row!.one).toBe(1);
  });
});
