import { isTransaction, type DbOrTx } from "../../db/transaction";
import { answerEachOrAlone, createOrgLanes, takeWithoutSharedKeys, type Answer } from "../lib/org-lanes";
import { nudgeAutoTopUp } from "../purchases/auto-top-up-nudge";
import { planOnArrival } from "./event-plan";
import { recordGroup, type RecordOutcome } from "./record-group";
import type { RecordRequest, RecordedUsage } from "./record-request";

/**
 * Group commit for usage (server/lib/org-lanes.ts): concurrent requests for one organisation are
 * recorded together — one transaction, one wallet lock, one set-based write — while the previous
 * group commits. Requests sharing an idempotency key wait for a later group, so a duplicate sees
 * the first's answer.
 */
const MAX_GROUP_EVENTS = 2_000;

interface Job {
  request: RecordRequest;
  keys: string[];
  resolve: (results: RecordedUsage[]) => void;
  reject: (error: unknown) => void;
}

const lanes = createOrgLanes<Job>({ takeGroup, runGroup });

export function recordThroughLane(db: DbOrTx, request: RecordRequest): Promise<RecordedUsage[]> {
  const orgId = request.principal.orgId;
  // Inside the caller's transaction there is nothing to share: record there.
  if (isTransaction(db)) return recordGroup(db, orgId, [request]).then((outcomes) => unwrap(outcomes[0]!));
  // A batch is priced and attributed while it waits for the lane; the lock has only to check that (event-plan.ts).
  const plan = planOnArrival(request);
  const planned = plan ? { ...request, plan } : request;
  return new Promise((resolve, reject) => lanes.enqueue(db, orgId, { request: planned, keys: [...request.firstByKey.keys()], resolve, reject }));
}

function runGroup(db: DbOrTx, orgId: string, group: Job[]): Promise<Answer> {
  return answerEachOrAlone(
    group,
    (requests) => recordGroup(db, orgId, requests),
    (job, outcome) => {
      settle(job, outcome);
      if (outcome.ok) nudgeAutoTopUp(db, orgId);
    },
  );
}

/** The next jobs in arrival order, up to the size limit, leaving any that share a key with an earlier one. */
function takeGroup(queue: Job[]): Job[] {
  return takeWithoutSharedKeys(queue, { keysOf: (job) => job.keys, sizeOf: (job) => job.request.prepared.length, maxSize: MAX_GROUP_EVENTS });
}

function settle(job: Job, outcome: RecordOutcome): void {
  if (outcome.ok) job.resolve(outcome.results);
  else job.reject(outcome.error);
}

function unwrap(outcome: RecordOutcome): RecordedUsage[] {
  if (outcome.ok) return outcome.results;
  throw outcome.error;
}
