import type { DbOrTx } from "../../db/transaction";

/** Settles a finished group's jobs. */
export type Answer = () => void;

/**
 * Per-organisation work queues, per connection pool: while one group of an organisation's jobs is
 * in its transaction, the next arrivals queue, and `runGroup` takes them together when it is done.
 * This is group commit — a hot organisation pays for its wallet lock and its commit once per group
 * instead of once per job. Lanes are per pool (a WeakMap on the db object), so separate pools still
 * race in PostgreSQL, and every rule is still enforced there.
 */
export interface OrgLanes<Job> {
  enqueue(db: DbOrTx, orgId: string, job: Job): void;
}

export function createOrgLanes<Job>(options: {
  /** Removes and returns the next group from the queue (at least one job). */
  takeGroup: (queue: Job[]) => Job[];
  /**
   * Runs a group; resolves, once the group's transaction is over, with how to answer its jobs (which
   * must settle every job's promise), and never rejects.
   */
  runGroup: (db: DbOrTx, orgId: string, group: Job[]) => Promise<Answer>;
}): OrgLanes<Job> {
  interface Lane {
    queue: Job[];
    running: boolean;
  }
  const lanesByPool = new WeakMap<object, Map<string, Lane>>();

  async function drain(db: DbOrTx, orgId: string, lane: Lane, lanes: Map<string, Lane>): Promise<void> {
    lane.running = true;
    let answerLast: Answer | undefined;
    try {
      while (lane.queue.length > 0) {
        const running = options.runGroup(db, orgId, options.takeGroup(lane.queue));
        // The wallet waits for nobody: the next group's first statements are written before the last
        // group's callers are answered. postgres.js writes them from a process.nextTick it queues once
        // this turn's microtasks are done (patches/postgres+*.patch), so after this answer's tick; but
        // answering only settles promises, and what that sets off (responses, their socket writes)
        // runs after the ticks.
        if (answerLast) process.nextTick(answerLast);
        // Cleared before waiting: should `running` ever reject, the finally must not answer that group twice.
        answerLast = undefined;
        answerLast = await running;
      }
    } finally {
      // The lane is left consistent before the last answer, so even an answer that threw could not jam it.
      lane.running = false;
      if (lane.queue.length === 0) lanes.delete(orgId);
      else void drain(db, orgId, lane, lanes);
      answerLast?.();
    }
  }

  return {
    enqueue(db, orgId, job) {
      let lanes = lanesByPool.get(db);
      if (!lanes) lanesByPool.set(db, (lanes = new Map()));
      let lane = lanes.get(orgId);
      if (!lane) lanes.set(orgId, (lane = { queue: [], running: false }));
      lane.queue.push(job);
      if (!lane.running) void drain(db, orgId, lane, lanes);
    },
  };
}

/**
 * The next jobs of a queue in arrival order, up to `maxSize` (a job larger than that still goes
 * alone), leaving any that shares a key with an earlier one of the group for a later group: a
 * duplicate must see the first one's committed answer, not race it inside one transaction.
 */
export function takeWithoutSharedKeys<Job>(queue: Job[], options: { keysOf: (job: Job) => string[]; sizeOf: (job: Job) => number; maxSize: number }): Job[] {
  const group: Job[] = [];
  const keys = new Set<string>();
  let size = 0;
  for (let i = 0; i < queue.length;) {
    const job = queue[i]!;
    const jobKeys = options.keysOf(job);
    const fits = group.length === 0 || size + options.sizeOf(job) <= options.maxSize;
    if (fits && !jobKeys.some((key) => keys.has(key))) {
      group.push(job);
      for (const key of jobKeys) keys.add(key);
      size += options.sizeOf(job);
      queue.splice(i, 1);
    } else {
      i++;
    }
    if (size >= options.maxSize) break;
  }
  return group;
}

/** A job of a lane whose requests run together: its request, and how to fail it. */
export interface RequestJob<Request> {
  request: Request;
  reject: (error: unknown) => void;
}

/**
 * A lane's `runGroup` for requests handled together by one call of `run`, each with its own outcome:
 * answers each job with its outcome once the group's transaction is over. Should the group fail as a
 * whole (a database error — say one request's value the database refuses), each request runs alone,
 * so a failure is only its own; those are answered as they finish. Never rejects.
 */
export async function answerEachOrAlone<Job extends RequestJob<unknown>, Outcome>(
  group: Job[],
  run: (requests: Job["request"][]) => Promise<Outcome[]>,
  answer: (job: Job, outcome: Outcome) => void,
): Promise<Answer> {
  let outcomes: Outcome[];
  try {
    outcomes = await run(group.map((job) => job.request));
  } catch (error) {
    if (group.length === 1) return () => group[0]!.reject(error);
    for (const job of group) {
      try {
        answer(job, (await run([job.request]))[0]!);
      } catch (alone) {
        job.reject(alone);
      }
    }
    return () => {};
  }
  return () => outcomes.forEach((outcome, i) => answer(group[i]!, outcome));
}
