import type postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openConnection } from "../support/db-connections";

/**
 * A statement whose parameters the driver cannot encode fails in the client, before any byte of it
 * is written — with drizzle's setup, a Date or an object given raw where drizzle passes text (it
 * turns the driver's date and JSON serializers off and serializes those values itself). postgres.js failed the statement *in
 * flight* on the connection instead — the one still waiting for its answer — and left the
 * unsendable one in the queue of statements awaiting answers: the next answer to arrive was then
 * handed to it, every later statement got its predecessor's answer, and the last waited for ever.
 * With statements pipelined behind a lock (server/usage/read-ahead.ts) that is one read's rows
 * given to another. Our patch (patches/postgres+*.patch) fails the unsendable statement alone.
 */
const connection = openConnection("allot-test-unsendable-statements");
afterAll(async () => {
  await connection.$client.end({ timeout: 5 });
});

/** Settles within `ms`, or says it did not: a statement left without an answer must fail the test, not hang it. */
function within<T>(ms: number, promise: Promise<T>): Promise<T | "no answer"> {
  return Promise.race([promise, new Promise<"no answer">((resolve) => setTimeout(() => resolve("no answer"), ms).unref())]);
}

const outcome = (statement: Promise<unknown>) =>
  within(
    5_000,
    statement.then(
      (rows) => ({ rows: (rows as { n: number }[]).map((row) => row.n) }),
      (error: unknown) => ({ error: error instanceof Error ? error.constructor.name : String(error) }),
    ),
  );

/** One statement text with a jsonb parameter: JSON text is sent as it is; an object is not encoded (TypeError). */
const jsonStatement = (session: postgres.Sql, value: string | object) =>
  session`SELECT 2 AS n WHERE ${session.json(value as postgres.JSONValue)}::jsonb IS NOT NULL`.execute();
const ENCODABLE = '{"a": 1}';
const UNENCODABLE = { a: 1 };

describe("a statement the driver cannot encode", () => {
  it("fails alone when pipelined behind others: each other statement keeps its own answer", async () => {
    const session = await connection.$client.reserve();
    try {
      // Prepared on this connection, as every hot statement is after its first run: its parameters
      // are then encoded the moment it is sent (a first run encodes them after PostgreSQL's description).
      expect(await outcome(jsonStatement(session, ENCODABLE))).toEqual({ rows: [2] });
      // Issued in one turn, as a spending group issues its lock and reads: the first is in flight when the second is encoded.
      const first = session`SELECT 1 AS n, pg_sleep(0.05)`.execute();
      const unsendable = jsonStatement(session, UNENCODABLE);
      const third = session`SELECT 3 AS n`.execute();
      const [a, b, c] = await Promise.all([outcome(first), outcome(unsendable), outcome(third)]);
      expect({ a, b, c }).toEqual({ a: { rows: [1] }, b: { error: "TypeError" }, c: { rows: [3] } });
      // And the connection goes on answering in order.
      expect(await outcome(session`SELECT 4 AS n`.execute())).toEqual({ rows: [4] });
    } finally {
      session.release();
    }
  });

  // The driver always handled this case right; the patch keeps it (its Sync, so the connection answers again).
  it("fails alone when nothing else is in flight, and the connection goes on", async () => {
    const session = await connection.$client.reserve();
    try {
      expect(await outcome(jsonStatement(session, ENCODABLE))).toEqual({ rows: [2] });
      const unsendable = jsonStatement(session, UNENCODABLE);
      const next = session`SELECT 3 AS n`.execute();
      expect(await Promise.all([outcome(unsendable), outcome(next)])).toEqual([{ error: "TypeError" }, { rows: [3] }]);
    } finally {
      session.release();
    }
  });
});
