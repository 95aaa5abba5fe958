import { describe, expect, it } from "vitest";
import type { DbOrTx } from "../../db/transaction";
import { createOrgLanes, type Answer } from "../../server/lib/org-lanes";

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Lanes whose groups end when the test says so, logging when each starts and is answered. */
function scriptedLanes() {
  const log: string[] = [];
  const ends: (() => void)[] = [];
  const lanes = createOrgLanes<string>({
    takeGroup: (queue) => queue.splice(0),
    runGroup: (_db, orgId, group) =>
      new Promise<Answer>((resolve) => {
        const name = `${orgId}:${group.join(",")}`;
        log.push(`start ${name}`);
        ends.push(() => resolve(() => log.push(`answer ${name}`)));
      }),
  });
  return { lanes, log, endNext: () => ends.shift()!() };
}

describe("organisation lanes", () => {
  const db = {} as DbOrTx;

  it("group an organisation's arrivals while its last group runs, and start the next group before answering the last", async () => {
    const { lanes, log, endNext } = scriptedLanes();
    lanes.enqueue(db, "o", "a");
    lanes.enqueue(db, "o", "b");
    lanes.enqueue(db, "o", "c");
    expect(log).toEqual(["start o:a"]);

    endNext();
    await turn();
    expect(log).toEqual(["start o:a", "start o:b,c", "answer o:a"]);

    endNext();
    await turn();
    expect(log).toEqual(["start o:a", "start o:b,c", "answer o:a", "answer o:b,c"]);
  });

  it("answer a group at once when nothing waits behind it, and keep organisations apart", async () => {
    const { lanes, log, endNext } = scriptedLanes();
    lanes.enqueue(db, "o", "a");
    lanes.enqueue(db, "p", "x");
    expect(log).toEqual(["start o:a", "start p:x"]);

    endNext();
    await turn();
    expect(log).toEqual(["start o:a", "start p:x", "answer o:a"]);

    // The lane is idle again: a new arrival starts its own group.
    lanes.enqueue(db, "o", "d");
    endNext();
    await turn();
    expect(log).toEqual(["start o:a", "start p:x", "answer o:a", "start o:d", "answer p:x"]);
  });
});
