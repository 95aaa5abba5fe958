import { withTransaction, type DbOrTx } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
import { raiseBudgetAlerts } from "../alerts/raise-budget-alerts";
import { openBudgetBook, type BookItem } from "../budgets/budget-book";
import { availableMicros, loadBurnableGrants, lockWallet } from "../ledger/wallet";
import { dbNow } from "../lib/db-clock";
import { AppError } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import { loadPriceBook, priceWith, type PricedAction } from "../pricing/price-book";
import { loadDirectory, resolveWith, type Attribution } from "./attribution";
import { findAnswers, replayOrConflict } from "./idempotency";
import { occurredAtOf } from "./occurred-at";
import { postUsage, type AnswerToStore, type PendingUsage, type UsageAnswer } from "./post-usage";
import { answerAll, withBatchIndex, type RecordRequest, type RecordedUsage } from "./record-request";

export type RecordOutcome = { ok: true; results: RecordedUsage[] } | { ok: false; error: unknown };

/** A request's new events, priced and attributed, ready to be checked against credits and budgets. */
interface Candidate {
  request: number;
  /** Indexes (in the request) of the events this call records. */
  fresh: number[];
  occurredAt: Date[];
  attributions: Attribution[];
  priced: PricedAction[];
  /** Index of its first event among the budget book's items. */
  firstItem: number;
}

/**
 * Records several callers' usage requests for one organisation in ONE transaction: one wallet
 * lock, one read of stored answers, one budget book, one write. Each request keeps its own
 * all-or-nothing semantics: a request that does not fit (credits, a pause budget) or is invalid is
 * refused alone — its effects on the running totals are undone — and the others are recorded.
 * Requests in one group must not share idempotency keys (the lanes keep them apart).
 */
export async function recordGroup(db: DbOrTx, orgId: string, requests: RecordRequest[]): Promise<RecordOutcome[]> {
  const events = requests.flatMap((request) => request.prepared);
  // What needs no lock: names and prices (published versions never change) and the clock.
  const [directory, book, now] = await Promise.all([
    loadDirectory(db, orgId, events.map((event) => event.input)),
    loadPriceBook(db, orgId, events.map((event) => event.action)),
    dbNow(db),
  ]);
  return withTransaction(db, async (tx) => {
    const wallet = await lockWallet(tx, orgId);
    const keys = requests.flatMap((request) => [...request.firstByKey.keys()]);
    const answered = await findAnswers<UsageAnswer>(tx, orgId, "usage", keys);
    const outcomes: (RecordOutcome | undefined)[] = requests.map(() => undefined);

    // First pass, no shared state: which events are new, when, for whom, at what price.
    const candidates: Candidate[] = [];
    const items: BookItem[] = [];
    for (const [r, request] of requests.entries()) {
      try {
        for (const [key, index] of request.firstByKey) {
          const stored = answered.get(key);
          if (stored) replayOrConflict(stored, request.prepared[index]!.requestHash, key, index);
        }
        const fresh = [...request.firstByKey.values()].filter((index) => !answered.has(request.prepared[index]!.input.idempotencyKey));
        if (fresh.length === 0) {
          outcomes[r] = { ok: true, results: answerAll(request, answered, new Map()) };
          continue;
        }
        const occurredAt = fresh.map((index) => occurredAtOf(request.prepared[index]!.input, now, index));
        let attributions: Attribution[];
        let priced: PricedAction[];
        try {
          attributions = resolveWith(directory, request.principal, fresh.map((index) => request.prepared[index]!.input));
          priced = priceWith(book, fresh.map((index, i) => ({ action: request.prepared[index]!.action, at: occurredAt[i]! })));
        } catch (error) {
          throw withBatchIndex(error, fresh);
        }
        candidates.push({ request: r, fresh, occurredAt, attributions, priced, firstItem: items.length });
        items.push(...fresh.map((_, i) => ({ attribution: attributions[i]!, at: occurredAt[i]! })));
      } catch (error) {
        outcomes[r] = { ok: false, error };
      }
    }

    // Second pass, in arrival order, against the running balance and budget totals.
    const budgets = await openBudgetBook(tx, orgId, wallet.timeZone, items);
    let available = availableMicros(wallet);
    const pending: PendingUsage[] = [];
    const toStore: AnswerToStore[] = [];
    const freshAnswers = new Map<number, Map<string, UsageAnswer>>();
    for (const candidate of candidates) {
      const request = requests[candidate.request]!;
      const undoBudgets = budgets.checkpoint();
      const availableBefore = available;
      const mine: PendingUsage[] = [];
      const mineToStore: AnswerToStore[] = [];
      const answers = new Map<string, UsageAnswer>();
      try {
        for (const [i, index] of candidate.fresh.entries()) {
          const { input, action, requestHash } = request.prepared[index]!;
          const cost = candidate.priced[i]!;
          if (cost.costMicros > available) {
            throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits are available for this usage", {
              index,
              requiredMicros: cost.costMicros,
              availableMicros: Math.max(0, available),
            });
          }
          budgets.assertFits(candidate.firstItem + i, cost.costMicros, index);
          budgets.addSpend(candidate.firstItem + i, cost.costMicros);
          available -= cost.costMicros;
          const id = uuidv7();
          mine.push({
            id,
            idempotencyKey: input.idempotencyKey,
            occurredAt: candidate.occurredAt[i]!,
            action,
            priced: cost,
            attribution: candidate.attributions[i]!,
            chargedMicros: cost.costMicros,
            apiKeyId: request.principal.kind === "apiKey" ? request.principal.apiKeyId : null,
            metadata: input.metadata ?? null,
          });
          const answer: UsageAnswer = {
            eventId: id,
            idempotencyKey: input.idempotencyKey,
            costMicros: cost.costMicros,
            chargedMicros: cost.costMicros,
            priceVersion: cost.priceVersion,
            priceVersionId: cost.priceVersionId,
            balanceAfterMicros: available,
          };
          answers.set(input.idempotencyKey, answer);
          mineToStore.push({ namespace: "usage", key: input.idempotencyKey, requestHash, response: answer });
        }
      } catch (error) {
        undoBudgets();
        available = availableBefore;
        outcomes[candidate.request] = { ok: false, error };
        continue;
      }
      pending.push(...mine);
      toStore.push(...mineToStore);
      freshAnswers.set(candidate.request, answers);
    }

    if (pending.length > 0) {
      await postUsage(tx, orgId, await loadBurnableGrants(tx, orgId, wallet.now), pending, toStore);
      await raiseBudgetAlerts(tx, orgId, await budgets.flush(tx), wallet.now);
      await checkLowBalance(tx, wallet, available);
    }
    return outcomes.map(
      (outcome, r) => outcome ?? { ok: true as const, results: answerAll(requests[r]!, answered, freshAnswers.get(r)!) },
    );
  });
}
