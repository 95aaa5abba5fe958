import { isTransaction, type DbOrTx } from "../../db/transaction";
import { answerEachOrAlone, createOrgLanes, takeWithoutSharedKeys, type Answer } from "../lib/org-lanes";
import { nudgeAutoTopUp } from "../purchases/auto-top-up-nudge";
import { holdGroup } from "./hold-group";
import { idempotencyKeysOf, type HoldOutcome, type HoldRequest, type HoldResult } from "./hold-requests";

/**
 * Group commit for holds (server/lib/org-lanes.ts): concurrent authorize, settle and release calls
 * of one organisation are handled together — one transaction, one wallet lock, one set-based write
 * (server/usage/hold-group.ts) — while the previous group commits. Nobody is answered before the
 * group has committed. Requests sharing an idempotency key wait for a later group, so a duplicate
 * sees the first's answer.
 */
const MAX_GROUP_REQUESTS = 64;

interface Job {
  request: HoldRequest;
  keys: string[];
  resolve: (value: HoldResult<HoldRequest>) => void;
  reject: (error: unknown) => void;
}

const lanes = createOrgLanes<Job>({
  takeGroup: (queue) => takeWithoutSharedKeys(queue, { keysOf: (job) => job.keys, sizeOf: () => 1, maxSize: MAX_GROUP_REQUESTS }),
  runGroup,
});

/** Handles a hold request with the organisation's concurrent ones (or alone, in the caller's transaction). */
export function holdThroughLane<R extends HoldRequest>(db: DbOrTx, request: R): Promise<HoldResult<R>> {
  const orgId = request.principal.orgId;
  // Inside the caller's transaction there is nothing to share: handle it there.
  if (isTransaction(db)) return holdGroup(db, orgId, [request]).then((outcomes) => unwrap(outcomes[0]!) as HoldResult<R>);
  return new Promise((resolve, reject) =>
    lanes.enqueue(db, orgId, { request, keys: idempotencyKeysOf(request), resolve: resolve as (value: HoldResult<HoldRequest>) => void, reject }),
  );
}

// Serialization failures and deadlocks are retried inside holdGroup, for the group as a whole. Should
// a group that failed as a whole have committed after all (a connection lost during COMMIT),
// authorize and settle answer again, alone, as replays of their keys.
function runGroup(db: DbOrTx, orgId: string, group: Job[]): Promise<Answer> {
  return answerEachOrAlone(
    group,
    (requests) => holdGroup(db, orgId, requests),
    (job, outcome) => {
      settle(job, outcome);
      // A settle spends credits, as a record does.
      if (outcome.ok && job.request.kind === "settle") nudgeAutoTopUp(db, orgId);
    },
  );
}

function settle(job: Job, outcome: HoldOutcome): void {
  if (outcome.ok) job.resolve(outcome.value);
  else job.reject(outcome.error);
}

function unwrap(outcome: HoldOutcome): HoldResult<HoldRequest> {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}
