import type { DbOrTx } from "../../db/transaction";

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
  /** Runs a group; it must settle every job's promise itself, and never throw. */
  runGroup: (db: DbOrTx, orgId: string, group: Job[]) => Promise<void>;
}): OrgLanes<Job> {
  interface Lane {
    queue: Job[];
    running: boolean;
  }
  const lanesByPool = new WeakMap<object, Map<string, Lane>>();

  async function drain(db: DbOrTx, orgId: string, lane: Lane, lanes: Map<string, Lane>): Promise<void> {
    lane.running = true;
    try {
      while (lane.queue.length > 0) await options.runGroup(db, orgId, options.takeGroup(lane.queue));
    } finally {
      lane.running = false;
      if (lane.queue.length === 0) lanes.delete(orgId);
      else void drain(db, orgId, lane, lanes);
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
