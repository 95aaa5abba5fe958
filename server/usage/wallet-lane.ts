import { isTransaction, withTransaction, type DbOrTx, type Transaction } from "../../db/transaction";
import { isRetryableConflict } from "../lib/pg-errors";
import { createOrgLanes } from "../lib/org-lanes";

/**
 * Group commit for the wallet work of holds (authorize, settle, release): concurrent calls for one
 * organisation run in one transaction, each in its own savepoint, so they share the wallet lock and
 * the commit's flush instead of queueing on the row one commit at a time. A job that fails rolls back
 * its savepoint and fails alone; nobody is answered before the group has committed.
 */
const MAX_GROUP_JOBS = 64;

interface Job {
  work: (tx: Transaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const lanes = createOrgLanes<Job>({
  takeGroup: (queue) => queue.splice(0, MAX_GROUP_JOBS),
  runGroup,
});

/** Runs `work` in a transaction shared with the organisation's concurrent wallet work (or in the caller's transaction). */
export function inWalletLane<T>(db: DbOrTx, orgId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  if (isTransaction(db)) return work(db);
  return new Promise<T>((resolve, reject) => lanes.enqueue(db, orgId, { work, resolve: resolve as (value: unknown) => void, reject }));
}

async function runGroup(db: DbOrTx, _orgId: string, group: Job[]): Promise<void> {
  if (group.length === 1) return runAlone(db, group[0]!);
  let outcomes: Outcome[];
  try {
    outcomes = await withTransaction(db, async (tx) => {
      const results: Outcome[] = [];
      for (const job of group) {
        try {
          results.push({ ok: true, value: await tx.transaction((savepoint) => job.work(savepoint)) });
        } catch (error) {
          results.push({ ok: false, error });
        }
      }
      return results;
    });
  } catch {
    // The shared transaction failed (its commit, or the connection): each job alone, so a failure is
    // only its own. Jobs are idempotent, so one that did commit answers the same again.
    for (const job of group) await runAlone(db, job);
    return;
  }
  for (const [i, outcome] of outcomes.entries()) {
    const job = group[i]!;
    // A lock conflict inside the group gets the retries a transaction of its own would have had.
    if (!outcome.ok && isRetryableConflict(outcome.error)) await runAlone(db, job);
    else if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  }
}

async function runAlone(db: DbOrTx, job: Job): Promise<void> {
  try {
    job.resolve(await withTransaction(db, job.work));
  } catch (error) {
    job.reject(error);
  }
}
