import { performance } from "node:perf_hooks";

import { isTransaction, type DbOrTx } from "../../db/transaction";
import { LruMap } from "../lib/lru-map";
import { requestAutoTopUp } from "../purchases/auto-top-up";
import { recordGroup, type RecordOutcome } from "./record-group";
import type { RecordRequest, RecordedUsage } from "./record-request";

/**
 * Group commit for usage. Concurrent requests for one organisation through one pool queue in a
 * lane and are recorded together — one transaction, one wallet lock — while the previous group
 * commits. A hot organisation then pays for its lock once per group instead of once per event.
 * Requests sharing an idempotency key wait for a later group, so a duplicate sees the first's answer.
 * Lanes are per pool (a WeakMap on the db object), so separate pools still race in PostgreSQL.
 */
const MAX_GROUP_EVENTS = 2_000;

interface Job {
  request: RecordRequest;
  keys: string[];
  resolve: (results: RecordedUsage[]) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  queue: Job[];
  running: boolean;
}

/** Spending may have crossed the auto top-up threshold: ask, at most once a second per organisation, after the commit. */
const AUTO_TOP_UP_CHECK_MS = 1_000;
const autoTopUpCheckedAt = new LruMap<string, number>(10_000);

function nudgeAutoTopUp(db: DbOrTx, orgId: string): void {
  const now = performance.now();
  const last = autoTopUpCheckedAt.get(orgId);
  if (last !== undefined && now - last < AUTO_TOP_UP_CHECK_MS) return;
  autoTopUpCheckedAt.set(orgId, now);
  requestAutoTopUp(db, orgId).catch((error: unknown) => console.error("[auto-top-up] after spend", error));
}

const lanesByPool = new WeakMap<object, Map<string, Lane>>();

export function recordThroughLane(db: DbOrTx, request: RecordRequest): Promise<RecordedUsage[]> {
  const orgId = request.principal.orgId;
  // Inside the caller's transaction there is nothing to share: record there.
  if (isTransaction(db)) return recordGroup(db, orgId, [request]).then((outcomes) => unwrap(outcomes[0]!));
  let lanes = lanesByPool.get(db);
  if (!lanes) lanesByPool.set(db, (lanes = new Map()));
  let lane = lanes.get(orgId);
  if (!lane) lanes.set(orgId, (lane = { queue: [], running: false }));
  const current = lane;
  return new Promise((resolve, reject) => {
    current.queue.push({ request, keys: [...request.firstByKey.keys()], resolve, reject });
    if (!current.running) void drain(db, orgId, current, lanes);
  });
}

async function drain(db: DbOrTx, orgId: string, lane: Lane, lanes: Map<string, Lane>): Promise<void> {
  lane.running = true;
  try {
    while (lane.queue.length > 0) {
      const group = takeGroup(lane.queue);
      let outcomes: RecordOutcome[];
      try {
        outcomes = await recordGroup(db, orgId, group.map((job) => job.request));
      } catch (error) {
        // The group failed as a whole (a database error): each request alone, so a failure is only its own.
        if (group.length === 1) group[0]!.reject(error);
        else for (const job of group) await recordAlone(db, orgId, job);
        continue;
      }
      outcomes.forEach((outcome, i) => settle(group[i]!, outcome));
      if (outcomes.some((outcome) => outcome.ok)) nudgeAutoTopUp(db, orgId);
    }
  } finally {
    lane.running = false;
    if (lane.queue.length === 0) lanes.delete(orgId);
    else void drain(db, orgId, lane, lanes);
  }
}

async function recordAlone(db: DbOrTx, orgId: string, job: Job): Promise<void> {
  try {
    settle(job, (await recordGroup(db, orgId, [job.request]))[0]!);
  } catch (error) {
    job.reject(error);
  }
}

/** The next jobs in arrival order, up to the size limit, leaving any that share a key with an earlier one. */
function takeGroup(queue: Job[]): Job[] {
  const group: Job[] = [];
  const keys = new Set<string>();
  let events = 0;
  for (let i = 0; i < queue.length; ) {
    const job = queue[i]!;
    const fits = group.length === 0 || events + job.request.prepared.length <= MAX_GROUP_EVENTS;
    if (fits && !job.keys.some((key) => keys.has(key))) {
      group.push(job);
      for (const key of job.keys) keys.add(key);
      events += job.request.prepared.length;
      queue.splice(i, 1);
    } else {
      i++;
    }
    if (events >= MAX_GROUP_EVENTS) break;
  }
  return group;
}

function settle(job: Job, outcome: RecordOutcome): void {
  if (outcome.ok) job.resolve(outcome.results);
  else job.reject(outcome.error);
}

function unwrap(outcome: RecordOutcome): RecordedUsage[] {
  if (outcome.ok) return outcome.results;
  throw outcome.error;
}
