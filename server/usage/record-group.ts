import { withPipelinedTransaction, type DbOrTx } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
import { raiseBudgetAlerts } from "../alerts/raise-budget-alerts";
import { openBudgetBook, type BookItem } from "../budgets/budget-book";
import { availableMicros } from "../ledger/wallet";
import { AppError } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import { evaluateUnderLock, type EvaluatedEvent } from "./event-plan";
import { replayOrConflict } from "./idempotency";
import { lockForSpending } from "./lock-for-spending";
import { readAheadForRecords } from "./read-ahead";
import { usageWrite, type PendingUsage, type UsageAnswer } from "./usage-write";
import { answerAll, type RecordRequest, type RecordedUsage } from "./record-request";

export type RecordOutcome = { ok: true; results: RecordedUsage[] } | { ok: false; error: unknown };

/** One event as the first pass sees it, with its place among the budget book's items. */
type Evaluated = (EvaluatedEvent & { ok: true; item: number }) | (EvaluatedEvent & { ok: false });

/**
 * Records several callers' usage requests for one organisation in ONE transaction of two round
 * trips: the wallet lock with the reads pipelined behind it (stored answers, grants, budget totals),
 * then one write with COMMIT. Each request keeps
 * its own all-or-nothing semantics: a request that does not fit (credits, a pause budget) or is
 * invalid is refused alone — its effects on the running totals are undone — and the others are
 * recorded. Requests in one group must not share idempotency keys (the lanes keep them apart).
 */
export async function recordGroup(db: DbOrTx, orgId: string, requests: RecordRequest[]): Promise<RecordOutcome[]> {
  return withPipelinedTransaction(db, async (tx, commitWith) => {
    // The lock, and right behind it in the same round trip, what the group reads (read-ahead.ts).
    const locking = lockForSpending(tx, orgId);
    const readAhead = readAheadForRecords(tx, orgId, requests);
    const { wallet, config, prices: book } = await locking;

    // First pass, in memory: every event (new or not) priced and attributed, as of the lock's
    // configuration and clock — mostly checked against what was planned on arrival (event-plan.ts).
    const items: BookItem[] = [];
    const evaluated = requests.map((request) => {
      const byIndex = new Map<number, Evaluated>();
      for (const [index, event] of evaluateUnderLock(request, config, book, wallet.now)) {
        byIndex.set(index, event.ok ? { ...event, item: items.push({ attribution: event.attribution, at: event.occurredAt }) - 1 } : event);
      }
      return byIndex;
    });

    // Read with the lock: the answers, the grants, and the budget totals the plan foresaw (the book reads any others).
    const { answered, grants, periods } = await readAhead;
    const budgets = await openBudgetBook(tx, orgId, config.timeZone, items, [], config.budgets, periods);

    // Second pass, in arrival order, against the running balance and budget totals.
    let available = availableMicros(wallet);
    const pending: PendingUsage[] = [];
    const outcomes = requests.map((request, r): RecordOutcome | { fresh: Map<string, UsageAnswer> } => {
      const undoBudgets = budgets.checkpoint();
      const availableBefore = available;
      const mine: PendingUsage[] = [];
      const answers = new Map<string, UsageAnswer>();
      try {
        for (const [key, index] of request.firstByKey) {
          const stored = answered.get(key);
          if (stored) {
            replayOrConflict(stored, request.prepared[index]!.requestHash, key, index);
            continue;
          }
          const event = evaluated[r]!.get(index)!;
          if (!event.ok) throw event.error;
          const { input, action, requestHash } = request.prepared[index]!;
          const cost = event.priced;
          if (cost.costMicros > available) {
            throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits are available for this usage", {
              index,
              requiredMicros: cost.costMicros,
              availableMicros: Math.max(0, available),
            });
          }
          budgets.assertFits(event.item, cost.costMicros, index);
          budgets.addSpend(event.item, cost.costMicros);
          available -= cost.costMicros;
          const id = uuidv7();
          mine.push({
            id,
            idempotencyKey: input.idempotencyKey,
            occurredAt: event.occurredAt,
            action,
            priced: cost,
            attribution: event.attribution,
            chargedMicros: cost.costMicros,
            apiKeyId: request.principal.kind === "apiKey" ? request.principal.apiKeyId : null,
            metadata: input.metadata ?? null,
            requestHash,
            balanceAfterMicros: available,
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
      } catch (error) {
        undoBudgets();
        available = availableBefore;
        return { ok: false, error };
      }
      pending.push(...mine);
      return { fresh: answers };
    });

    if (pending.length > 0) {
      const { write, crossings } = budgets.takeWrite();
      // The alerts first (they need nothing the write makes), so the write can go out with COMMIT.
      await raiseBudgetAlerts(tx, orgId, crossings, wallet.now);
      await checkLowBalance(tx, wallet, available);
      commitWith(usageWrite(orgId, config.timeZone, grants, pending, write ? [write] : []));
    }
    return outcomes.map((outcome, r) => ("fresh" in outcome ? { ok: true as const, results: answerAll(requests[r]!, answered, outcome.fresh) } : outcome));
  });
}
