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
  /** Runs of numbers: a run fails when it holds a negative number; `runs` lists each run's jobs. */
  function scriptedRun() {
    const runs: number[][] = [];
    const run = async (jobs: number[]) => {
      runs.push(jobs);
      if (jobs.some((job) => job < 0)) throw new Error(`refused ${jobs.join(",")}`);
      return jobs.map((job) => job * 10);
    };
    return { runs, run };
  }

  it("answer each job with its own outcome once the group is over", async () => {
    const { runs, run } = scriptedRun();
    const answered: string[] = [];
    const answer = await answerEachOrAlone([1, 2, 3], run, (job, outcome) => answered.push(`${job}:${outcome}`), (job) => answered.push(`${job}:failed`));

    expect(answered).toEqual([]);
    answer();
    expect(answered).toEqual(["1:10", "2:20", "3:30"]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it("run each job alone when the group fails as a whole, so only the refused one fails", async () => {
    const { runs, run } = scriptedRun();
    const answered: string[] = [];
    const answer = await answerEachOrAlone(
      [1, -2, 3],
      run,
      (job, outcome) => answered.push(`${job}:${outcome}`),
      (job, error) => answered.push(`${job}:${(error as Error).message}`),
    );
    answer();

    expect(answered).toEqual(["1:10", "-2:refused -2", "3:30"]);
    expect(runs).toEqual([[1, -2, 3], [1], [-2], [3]]);
  });

  it("fail a job that was alone in its group without running it again", async () => {
    const { runs, run } = scriptedRun();
    const answered: string[] = [];
    const answer = await answerEachOrAlone([-1], run, () => answered.push("answered"), (job, error) => answered.push(`${job}:${(error as Error).message}`));
    answer();

    expect(answered).toEqual(["-1:refused -1"]);
    expect(runs).toEqual([[-1]]);
  });
});
