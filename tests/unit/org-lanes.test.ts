import { describe, expect, it } from "vitest";
import type { DbOrTx } from "../../db/transaction";
import { answerEachOrAlone, createOrgLanes, type Answer } from "../../server/lib/org-lanes";

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

describe("answering each job of a group, or each alone", () => {
  /** Jobs of numbers that log how they were answered; a run fails when it holds a negative number. */
  function scripted(numbers: number[]) {
    const runs: number[][] = [];
    const answered: string[] = [];
    const jobs = numbers.map((request) => ({ request, reject: (error: unknown) => answered.push(`${request}:${(error as Error).message}`) }));
    const run = async (requests: number[]) => {
      runs.push(requests);
      if (requests.some((request) => request < 0)) throw new Error(`refused ${requests.join(",")}`);
      return requests.map((request) => request * 10);
    };
    const answer = (job: { request: number }, outcome: number) => void answered.push(`${job.request}:${outcome}`);
    return { jobs, run, answer, runs, answered };
  }

  it("answer each job with its own outcome once the group is over", async () => {
    const { jobs, run, answer, runs, answered } = scripted([1, 2, 3]);
    const answerAll = await answerEachOrAlone(jobs, run, answer);

    expect(answered).toEqual([]);
    answerAll();
    expect(answered).toEqual(["1:10", "2:20", "3:30"]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it("run each job alone when the group fails as a whole, so only the refused one fails", async () => {
    const { jobs, run, answer, runs, answered } = scripted([1, -2, 3]);
    (await answerEachOrAlone(jobs, run, answer))();

    expect(answered).toEqual(["1:10", "-2:refused -2", "3:30"]);
    expect(runs).toEqual([[1, -2, 3], [1], [-2], [3]]);
  });

  it("fail a job that was alone in its group without running it again", async () => {
    const { jobs, run, answer, runs, answered } = scripted([-1]);
    (await answerEachOrAlone(jobs, run, answer))();

    expect(answered).toEqual(["-1:refused -1"]);
    expect(runs).toEqual([[-1]]);
  });
});
