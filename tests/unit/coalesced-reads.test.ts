import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { coalescedReads } from "../../server/lib/coalesced-reads";

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads of numbers ("rows" are the asked numbers times ten), each statement ending when the test says
 * so; `statements` lists what each statement was asked, and `committed` is what a statement sees
 * when it is sent.
 */
function scriptedReads(maxAsks = 64) {
  const statements: number[][] = [];
  const ends: ((error?: Error) => void)[] = [];
  let committed = 0;
  const read = coalescedReads<number, { asked: number; value: number; seen: number }>({
    read: (_db, _orgId, asks) => {
      statements.push(asks);
      const seen = committed;
      return new Promise((resolve, reject) =>
        ends.push((error) => (error ? reject(error) : resolve(asks.map((asked) => ({ asked, value: asked * 10, seen }))))),
      );
    },
    answer: (ask, rows) => rows.filter((row) => row.asked === ask),
    maxAsks,
  });
  return {
    read,
    statements,
    commit: () => void committed++,
    endNext: (error?: Error) => ends.shift()!(error),
  };
}

describe("coalesced reads", () => {
  const db = {} as Database;

  it("send the first ask at once and the ones that arrive while it is in flight together, each answered with its own rows", async () => {
    const { read, statements, endNext } = scriptedReads();
    const answers = [1, 2, 3, 4].map((ask) => read(db, "o", ask));
    expect(statements).toEqual([[1]]);

    endNext();
    await turn();
    expect(statements).toEqual([[1], [2, 3, 4]]);
    endNext();

    expect((await Promise.all(answers)).map((rows) => rows.map((row) => row.value))).toEqual([[10], [20], [30], [40]]);
  });

  it("answer an ask by a statement sent after it was asked, never by the one already in flight", async () => {
    const { read, statements, commit, endNext } = scriptedReads();
    const first = read(db, "o", 1);
    commit();
    // Asked after the commit, while the first statement (sent before it) is still out.
    const second = read(db, "o", 2);
    endNext();
    await turn();
    endNext();

    expect((await first)[0]!.seen).toBe(0);
    expect((await second)[0]!.seen).toBe(1);
    expect(statements).toEqual([[1], [2]]);
  });

  it("keep organisations apart and send at most maxAsks per statement", async () => {
    const { read, statements, endNext } = scriptedReads(2);
    const answers = [read(db, "o", 1), read(db, "p", 9), read(db, "o", 2), read(db, "o", 3), read(db, "o", 4)];
    expect(statements).toEqual([[1], [9]]);
    for (let i = 0; i < 4; i++) {
      endNext();
      await turn();
    }
    expect(statements).toEqual([[1], [9], [2, 3], [4]]);
    expect((await Promise.all(answers)).map((rows) => rows[0]!.asked)).toEqual([1, 9, 2, 3, 4]);
  });

  it("fail only the asks a failed statement carried, and go on with those that arrived meanwhile", async () => {
    const { read, statements, endNext } = scriptedReads();
    const first = read(db, "o", 1);
    // Caught as they are made: the failure arrives before the test looks at them.
    const second = read(db, "o", 2).catch((error: unknown) => error);
    const third = read(db, "o", 3).catch((error: unknown) => error);
    endNext();
    await turn();
    // Asked while the statement for 2 and 3 is out; it is the one that fails.
    const fourth = read(db, "o", 4);
    endNext(new Error("connection lost"));
    await turn();
    endNext();

    expect((await first)[0]!.value).toBe(10);
    expect(await second).toEqual(new Error("connection lost"));
    expect(await third).toEqual(new Error("connection lost"));
    expect((await fourth)[0]!.value).toBe(40);
    expect(statements).toEqual([[1], [2, 3], [4]]);
  });
});
