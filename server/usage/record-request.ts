import type { Principal } from "../auth/principal";
import { AppError } from "../lib/errors";
import { hashPayload } from "../lib/hash";
import { normalizeAction, type NormalizedAction } from "../pricing/action";
import type { EventPlan } from "./event-plan";
import type { UsageEventInput } from "./event-input";
import { replayOrConflict, type StoredAnswer } from "./idempotency";
import type { UsageAnswer } from "./usage-write";

export interface RecordedUsage extends UsageAnswer {
  /** True when this key was already recorded with the same payload: nothing new happened. */
  replay: boolean;
}

export interface PreparedEvent {
  input: UsageEventInput;
  requestHash: string;
  action: NormalizedAction;
}

/** One caller's usage.record or usage.recordBatch, validated and hashed, before any database work. */
export interface RecordRequest {
  principal: Principal;
  prepared: PreparedEvent[];
  /** The first index of each idempotency key in `prepared`. */
  firstByKey: Map<string, number>;
  /** Its events priced and attributed on arrival, to be checked under the lock (server/usage/event-plan.ts). */
  plan?: EventPlan;
}

export function prepareRequest(principal: Principal, inputs: UsageEventInput[]): RecordRequest {
  const prepared = inputs.map((input, index) => {
    try {
      return { input, requestHash: hashPayload(input), action: normalizeAction(input) };
    } catch (error) {
      throw withBatchIndex(error, undefined, index);
    }
  });
  return { principal, prepared, firstByKey: firstIndexByKey(prepared) };
}

/** The first index of each key; a repeated key must carry the same payload. */
function firstIndexByKey(prepared: PreparedEvent[]): Map<string, number> {
  const firstByKey = new Map<string, number>();
  for (const [index, { input, requestHash }] of prepared.entries()) {
    const first = firstByKey.get(input.idempotencyKey);
    if (first === undefined) firstByKey.set(input.idempotencyKey, index);
    else if (prepared[first]!.requestHash !== requestHash) {
      throw new AppError("IDEMPOTENCY_CONFLICT", `Idempotency key "${input.idempotencyKey}" appears twice with different payloads`, {
        index,
        idempotencyKey: input.idempotencyKey,
      });
    }
  }
  return firstByKey;
}

/** Every event's answer, in the caller's order: stored answers as replays, then this call's new ones. */
export function answerAll(
  request: RecordRequest,
  earlier: Map<string, StoredAnswer<UsageAnswer>>,
  fresh: Map<string, UsageAnswer>,
): RecordedUsage[] {
  const seen = new Set<string>();
  return request.prepared.map(({ input, requestHash }, index) => {
    const key = input.idempotencyKey;
    const stored = earlier.get(key);
    if (stored) return { ...replayOrConflict(stored, requestHash, key, index), replay: true };
    const answer = fresh.get(key)!;
    const replay = seen.has(key);
    seen.add(key);
    return { ...answer, replay };
  });
}

/** Errors about the n-th of a subset of events name its index in the caller's batch. */
export function withBatchIndex(error: unknown, subsetIndexes?: number[], index?: number): unknown {
  if (!(error instanceof AppError)) return error;
  const position = index ?? (typeof error.details?.index === "number" ? subsetIndexes?.[error.details.index] : undefined);
  if (position === undefined) return error;
  return new AppError(error.appCode, error.message, { ...error.details, index: position });
}
