import { withTransaction, type DbOrTx } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
import { raiseBudgetAlerts } from "../alerts/raise-budget-alerts";
import type { Principal } from "../auth/principal";
import { openBudgetBook } from "../budgets/budget-book";
import { loadBurnableGrants, lockWallet, availableMicros } from "../ledger/wallet";
import { dbNow } from "../lib/db-clock";
import { AppError, invalidInput } from "../lib/errors";
import { hashPayload } from "../lib/hash";
import { uuidv7 } from "../lib/ids";
import { normalizeAction, type NormalizedAction } from "../pricing/action";
import { priceActions } from "../pricing/price-book";
import { resolveAttributions } from "./attribution";
import type { UsageEventInput } from "./event-input";
import { findAnswers, replayOrConflict } from "./idempotency";
import { postUsage, type PendingUsage, type UsageAnswer } from "./post-usage";

export interface RecordedUsage extends UsageAnswer {
  /** True when this key was already recorded with the same payload: nothing new happened. */
  replay: boolean;
}

/** Events may be stamped a little ahead of the database's clock (client clock skew), not more. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

interface Prepared {
  input: UsageEventInput;
  requestHash: string;
  action: NormalizedAction;
}

/**
 * Records priced usage events and debits them, all or nothing. Each event is priced with the
 * version in force at its timestamp and counts in the budget periods containing that timestamp;
 * keys already recorded with the same payload are answered from the first answer; the batch is
 * refused as a whole when any event is invalid, conflicts, or does not fit in the available balance
 * (INSUFFICIENT_CREDITS) or in a pause budget (BUDGET_EXHAUSTED) — the error names the first that does not.
 */
export async function recordUsage(db: DbOrTx, principal: Principal, inputs: UsageEventInput[]): Promise<RecordedUsage[]> {
  const prepared = inputs.map((input, index) => prepare(input, index));
  const firstByKey = dedupeWithinBatch(prepared);
  const keys = [...firstByKey.keys()];

  // A pure retry answers without taking the wallet lock.
  const earlier = await findAnswers<UsageAnswer>(db, principal.orgId, "usage", keys);
  if (earlier.size === keys.length) return answerAll(prepared, earlier, new Map());

  const now = await dbNow(db);
  return withTransaction(db, async (tx) => {
    const wallet = await lockWallet(tx, principal.orgId);
    const answered = await findAnswers<UsageAnswer>(tx, principal.orgId, "usage", keys);
    const fresh = [...firstByKey.values()].filter((index) => !answered.has(prepared[index]!.input.idempotencyKey));
    if (fresh.length === 0) return answerAll(prepared, answered, new Map());

    const occurredAt = fresh.map((index) => occurredAtOf(prepared[index]!.input, now, index));
    const [attributions, priced] = await Promise.all([
      resolveAttributions(tx, principal, fresh.map((index) => prepared[index]!.input)),
      priceActions(tx, principal.orgId, fresh.map((index, i) => ({ action: prepared[index]!.action, at: occurredAt[i]! }))),
    ]).catch((error: unknown) => {
      throw withBatchIndex(error, fresh);
    });

    const book = await openBudgetBook(
      tx,
      principal.orgId,
      wallet.timeZone,
      fresh.map((_, i) => ({ attribution: attributions[i]!, at: occurredAt[i]! })),
    );
    let available = availableMicros(wallet);
    const pending: PendingUsage[] = [];
    const answers = new Map<string, UsageAnswer>();
    for (const [i, index] of fresh.entries()) {
      const { input, action } = prepared[index]!;
      const cost = priced[i]!;
      if (cost.costMicros > available) {
        throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits are available for this usage", {
          index,
          requiredMicros: cost.costMicros,
          availableMicros: Math.max(0, available),
        });
      }
      book.assertFits(i, cost.costMicros, index);
      book.addSpend(i, cost.costMicros);
      available -= cost.costMicros;
      const id = uuidv7();
      pending.push({
        id,
        idempotencyKey: input.idempotencyKey,
        occurredAt: occurredAt[i]!,
        action,
        priced: cost,
        attribution: attributions[i]!,
        chargedMicros: cost.costMicros,
        apiKeyId: principal.kind === "apiKey" ? principal.apiKeyId : null,
        metadata: input.metadata ?? null,
      });
      answers.set(input.idempotencyKey, {
        eventId: id,
        idempotencyKey: input.idempotencyKey,
        costMicros: cost.costMicros,
        chargedMicros: cost.costMicros,
        priceVersion: cost.priceVersion,
        priceVersionId: cost.priceVersionId,
        balanceAfterMicros: available,
      });
    }
    const stored = fresh.map((index) => {
      const { input, requestHash } = prepared[index]!;
      return { namespace: "usage" as const, key: input.idempotencyKey, requestHash, response: answers.get(input.idempotencyKey) };
    });
    await postUsage(tx, principal.orgId, await loadBurnableGrants(tx, principal.orgId, wallet.now), pending, stored);
    await raiseBudgetAlerts(tx, principal.orgId, await book.flush(tx), wallet.now);
    await checkLowBalance(tx, wallet, available);
    return answerAll(prepared, answered, answers);
  });
}

function prepare(input: UsageEventInput, index: number): Prepared {
  try {
    return { input, requestHash: hashPayload(input), action: normalizeAction(input) };
  } catch (error) {
    throw withBatchIndex(error, undefined, index);
  }
}

/** The first index of each key; a repeated key must carry the same payload. */
function dedupeWithinBatch(prepared: Prepared[]): Map<string, number> {
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

function answerAll(
  prepared: Prepared[],
  earlier: Map<string, { requestHash: string; response: UsageAnswer }>,
  fresh: Map<string, UsageAnswer>,
): RecordedUsage[] {
  const seen = new Set<string>();
  return prepared.map(({ input, requestHash }, index) => {
    const key = input.idempotencyKey;
    const stored = earlier.get(key);
    if (stored) return { ...replayOrConflict(stored, requestHash, key, index), replay: true };
    const answer = fresh.get(key)!;
    const replay = seen.has(key);
    seen.add(key);
    return { ...answer, replay };
  });
}

/** When an action happened: its timestamp (at most the allowed skew ahead of the database's clock), else now. */
export function occurredAtOf(input: { timestamp?: string }, now: Date, index?: number): Date {
  if (!input.timestamp) return now;
  const at = new Date(input.timestamp);
  if (at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw invalidInput("timestamp is in the future", { index, timestamp: input.timestamp });
  }
  return at;
}

/** Errors about the n-th priced event name its index in the caller's batch. */
function withBatchIndex(error: unknown, freshIndexes?: number[], index?: number): unknown {
  if (!(error instanceof AppError)) return error;
  const position = index ?? (typeof error.details?.index === "number" ? freshIndexes?.[error.details.index] : undefined);
  if (position === undefined) return error;
  return new AppError(error.appCode, error.message, { ...error.details, index: position });
}
