import { withPipelinedTransaction, type DbOrTx } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
import { raiseBudgetAlerts } from "../alerts/raise-budget-alerts";
import type { Principal } from "../auth/principal";
import { openBudgetBook, type BookItem, type BudgetBook } from "../budgets/budget-book";
import type { LockedWallet } from "../ledger/wallet";
import { AppError, invalidInput, notFound } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import type { OrgConfig } from "../org-config/org-config";
import { priceWith, type PriceBook, type PricedAction } from "../pricing/price-book";
import { resolveWith, type Attribution } from "./attribution";
import type {
  AuthorizeRequest,
  HoldOutcome,
  HoldRequest,
  HoldResults,
  ReleaseAnswer,
  ReleaseRequest,
  ReservationAnswer,
  SettleAnswer,
  SettleRequest,
} from "./hold-requests";
import { holdWrites, type NewReservation, type Resolution } from "./hold-writes";
import { replayOrConflict, type StoredAnswer } from "./idempotency";
import { lockForSpending } from "./lock-for-spending";
import { occurredAtOf } from "./occurred-at";
import { readAheadForHolds } from "./read-ahead";
import type { LockedReservation as Reservation } from "./reservation-locks";
import { usageWrite, type PendingUsage } from "./usage-write";

/** An authorize as the first pass sees it: priced and attributed (its book item), or why it cannot be. */
type Estimate = { ok: true; amountMicros: number; priced?: PricedAction; attribution: Attribution; item: number } | { ok: false; error: unknown };
/** A settle's actual usage, priced, or why it cannot be. */
type Usage = { ok: true; priced: PricedAction; occurredAt: Date } | { ok: false; error: unknown };

/** The group's running state while the second pass goes through its requests in arrival order. */
interface Pass {
  wallet: LockedWallet;
  book: BudgetBook;
  postedMicros: number;
  heldMicros: number;
  estimates: Map<number, Estimate>;
  usages: Map<number, Usage>;
  /** The book item of each settle whose hold was found. */
  settleItems: Map<number, number>;
  heldAnswers: Map<string, StoredAnswer<ReservationAnswer>>;
  usageAnswers: Map<string, StoredAnswer<SettleAnswer>>;
  /** The holds the group settles or releases, locked; their status changes as the pass resolves them. */
  locked: Map<string, Reservation>;
  created: NewReservation[];
  resolved: Resolution[];
  events: PendingUsage[];
}

/**
 * Authorizes, settles and releases several callers' holds of one organisation in ONE transaction:
 * the wallet lock with the reads pipelined behind it (due holds expired, stored answers, the holds
 * to resolve — locked —, grants, budget totals; read-ahead.ts), then one write statement with COMMIT. Each request keeps its own
 * semantics (server/usage/reservations.ts): it is checked against the balance and budget totals
 * as the earlier requests of the group left them, and one that is refused is refused alone.
 * Requests in one group must not share idempotency keys (the lane keeps them apart).
 */
export async function holdGroup(db: DbOrTx, orgId: string, requests: HoldRequest[]): Promise<HoldOutcome[]> {
  return withPipelinedTransaction(db, async (tx, commitWith) => {
    // The lock, and right behind it in the same round trip, what the group reads (read-ahead.ts).
    const locking = lockForSpending(tx, orgId);
    const readAhead = readAheadForHolds(tx, orgId, requests);
    const { wallet, config, prices } = await locking;

    // First pass, in memory: every action priced and attributed, as of the lock's clock.
    const items: BookItem[] = [];
    const estimates = new Map<number, Estimate>();
    const usages = new Map<number, Usage>();
    for (const [r, request] of requests.entries()) {
      if (request.kind === "authorize") estimates.set(r, estimate(request, config, prices, wallet.now, items));
      if (request.kind === "settle") usages.set(r, priceUsage(request, prices, wallet.now));
    }
    const { expired, heldAnswers, usageAnswers, locked, grants, periods } = await readAhead;

    // The budget book: every period a new hold or a settled action counts in, and every period a
    // hold being returned was booked in.
    const lockedById = new Map(locked.map((row) => [row.id, row]));
    const settleItems = new Map<number, number>();
    for (const [r, request] of requests.entries()) {
      const usage = usages.get(r);
      const row = request.kind === "settle" ? lockedById.get(request.input.reservationId) : undefined;
      if (usage?.ok && row) settleItems.set(r, items.push({ attribution: attributionOf(row), at: usage.occurredAt }) - 1);
    }
    const expiredHolds = expired.flatMap((row) => row.budgetHolds);
    const activeHolds = locked.filter((row) => row.status === "active").flatMap((row) => row.budgetHolds);
    const book = await openBudgetBook(tx, orgId, config.timeZone, items, [...expiredHolds, ...activeHolds], config.budgets, periods);
    book.releaseHolds(expiredHolds);

    // Second pass, in arrival order, against the running balance and budget totals.
    const pass: Pass = {
      wallet,
      book,
      postedMicros: wallet.postedMicros,
      heldMicros: wallet.heldMicros - expired.reduce((sum, row) => sum + row.amountMicros, 0),
      estimates,
      usages,
      settleItems,
      heldAnswers,
      usageAnswers,
      locked: lockedById,
      created: [],
      resolved: [],
      events: [],
    };
    const outcomes = requests.map((request, r): HoldOutcome => {
      // Every refusal below happens before the request changes anything but budget totals: those are put back.
      const undoBudgets = book.checkpoint();
      try {
        if (request.kind === "authorize") return { ok: true, value: authorizeIn(pass, request, r) };
        if (request.kind === "settle") return { ok: true, value: settleIn(pass, request, r) };
        return { ok: true, value: releaseIn(pass, request) };
      } catch (error) {
        undoBudgets();
        return { ok: false, error };
      }
    });

    // One write statement: holds (each its key's answer), resolutions, events with their debits and rollups, budget totals.
    const { write, crossings } = book.takeWrite();
    const writes = [...holdWrites(orgId, pass.created, pass.resolved, pass.heldMicros - wallet.heldMicros), ...(write ? [write] : [])];
    if (writes.length > 0) {
      // The alerts first (they need nothing the write makes), so the write can go out with COMMIT.
      await raiseBudgetAlerts(tx, orgId, crossings, wallet.now);
      await checkLowBalance(tx, wallet, Math.max(0, pass.postedMicros - pass.heldMicros));
      commitWith(usageWrite(orgId, config.timeZone, grants, pass.events, writes));
    }
    return outcomes;
  });
}

function authorizeIn(pass: Pass, request: AuthorizeRequest, r: number): HoldResults["authorize"] {
  const key = request.input.idempotencyKey;
  const stored = pass.heldAnswers.get(key);
  if (stored) return { ...replayOrConflict(stored, request.requestHash, key), replay: true };
  const estimate = pass.estimates.get(r)!;
  if (!estimate.ok) throw estimate.error;
  const { amountMicros, priced, attribution, item } = estimate;
  const available = pass.postedMicros - pass.heldMicros;
  if (available < amountMicros) {
    throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits are available to hold this estimate", {
      requiredMicros: amountMicros,
      availableMicros: Math.max(0, available),
    });
  }
  pass.book.assertFits(item, amountMicros);
  const budgetHolds = pass.book.addHold(item, amountMicros);
  pass.heldMicros += amountMicros;
  const id = uuidv7();
  // The database's clock at the lock (the transaction's now()), like every expiry decision.
  const expiresAt = new Date(pass.wallet.now.getTime() + request.input.ttlSeconds * 1_000);
  const answer: ReservationAnswer = {
    reservationId: id,
    heldMicros: amountMicros,
    expiresAt: expiresAt.toISOString(),
    availableAfterMicros: pass.postedMicros - pass.heldMicros,
    priceVersion: priced?.priceVersion ?? null,
  };
  // The hold is its key's stored answer (server/usage/held-answers.ts).
  pass.created.push({
    id,
    idempotencyKey: key,
    amountMicros,
    item: priced?.pricedAs ?? null,
    priceVersionId: priced?.priceVersionId ?? null,
    attribution,
    apiKeyId: request.principal.kind === "apiKey" ? request.principal.apiKeyId : null,
    expiresAt,
    budgetHolds,
    requestHash: request.requestHash,
    availableAfterMicros: answer.availableAfterMicros,
  });
  return { ...answer, replay: false };
}

function settleIn(pass: Pass, request: SettleRequest, r: number): HoldResults["settle"] {
  const { key, requestHash, input } = request;
  const stored = pass.usageAnswers.get(key);
  if (stored) return { ...replayOrConflict(stored, requestHash, key), replay: true };
  const usage = pass.usages.get(r)!;
  if (!usage.ok) throw usage.error;
  const reservation = visibleReservation(pass, request.principal, input.reservationId);
  if (reservation.status === "settled" || reservation.status === "released") {
    throw new AppError("RESERVATION_NOT_ACTIVE", `Reservation is already ${reservation.status}`, {
      reservationId: reservation.id,
      status: reservation.status,
    });
  }
  const active = reservation.status === "active";
  const hold = active ? reservation.amountMicros : 0;
  const item = pass.settleItems.get(r)!;
  if (active) pass.book.releaseHolds(reservation.budgetHolds);
  // The hold plus the unheld balance, and what pause budgets still allow (see server/usage/reservations.ts).
  const costMicros = usage.priced.costMicros;
  const coverable = Math.max(0, pass.postedMicros - (pass.heldMicros - hold));
  const chargedMicros = Math.min(costMicros, coverable, pass.book.headroom(item));
  pass.book.addSpend(item, chargedMicros);
  pass.postedMicros -= chargedMicros;
  pass.heldMicros -= hold;
  const eventId = uuidv7();
  const answer: SettleAnswer = {
    eventId,
    idempotencyKey: key,
    costMicros,
    chargedMicros,
    priceVersion: usage.priced.priceVersion,
    priceVersionId: usage.priced.priceVersionId,
    // Never below zero, even when expired grants left other holds bigger than what is posted.
    balanceAfterMicros: Math.max(0, pass.postedMicros - pass.heldMicros),
    reservationId: reservation.id,
    releasedMicros: Math.max(0, hold - chargedMicros),
    uncoveredMicros: costMicros - chargedMicros,
  };
  // A later request of the group sees the hold resolved.
  reservation.status = "settled";
  pass.resolved.push({ id: reservation.id, rowAddress: reservation.rowAddress, status: "settled", usageEventId: eventId });
  pass.events.push({
    id: eventId,
    idempotencyKey: key,
    occurredAt: usage.occurredAt,
    action: request.action,
    priced: usage.priced,
    attribution: attributionOf(reservation),
    chargedMicros,
    reservationId: reservation.id,
    apiKeyId: request.principal.kind === "apiKey" ? request.principal.apiKeyId : null,
    metadata: input.metadata ?? null,
    requestHash,
    balanceAfterMicros: answer.balanceAfterMicros,
    releasedMicros: answer.releasedMicros,
  });
  return { ...answer, replay: false };
}

/** Releasing twice, or after expiry, answers the same; after a settle it is refused. */
function releaseIn(pass: Pass, request: ReleaseRequest): ReleaseAnswer {
  const { reservationId } = request;
  const reservation = visibleReservation(pass, request.principal, reservationId);
  if (reservation.status === "settled") {
    throw new AppError("RESERVATION_NOT_ACTIVE", "Reservation is already settled", { reservationId, status: "settled" });
  }
  if (reservation.status !== "active") return { reservationId, status: reservation.status, releasedMicros: 0 };
  pass.book.releaseHolds(reservation.budgetHolds);
  pass.heldMicros -= reservation.amountMicros;
  reservation.status = "released";
  pass.resolved.push({ id: reservationId, rowAddress: reservation.rowAddress, status: "released", usageEventId: null });
  return { reservationId, status: "released", releasedMicros: reservation.amountMicros };
}

function estimate(request: AuthorizeRequest, config: OrgConfig, prices: PriceBook, now: Date, items: BookItem[]): Estimate {
  try {
    const at = occurredAtOf(request.input, now);
    const [attribution] = resolveWith(config.directory, request.principal, [request.input]);
    const priced = request.action ? priceWith(prices, [{ action: request.action, at }])[0] : undefined;
    const amountMicros = priced ? priced.costMicros : request.input.amountMicros!;
    if (amountMicros <= 0) throw invalidInput("The estimate is zero: there is nothing to hold; record the usage directly");
    return { ok: true, amountMicros, priced, attribution: attribution!, item: items.push({ attribution: attribution!, at }) - 1 };
  } catch (error) {
    return { ok: false, error };
  }
}

function priceUsage(request: SettleRequest, prices: PriceBook, now: Date): Usage {
  try {
    const occurredAt = occurredAtOf(request.input, now);
    const [priced] = priceWith(prices, [{ action: request.action, at: occurredAt }]);
    return { ok: true, priced: priced!, occurredAt };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A hold of the organisation the caller may see: an API key of a department sees only that department's. */
function visibleReservation(pass: Pass, principal: Principal, reservationId: string): Reservation {
  const reservation = pass.locked.get(reservationId);
  if (!reservation) throw notFound("Reservation", { reservationId });
  if (principal.kind === "apiKey" && principal.departmentId && reservation.departmentId !== principal.departmentId) {
    throw notFound("Reservation", { reservationId });
  }
  return reservation;
}

function attributionOf(reservation: Reservation): Attribution {
  return {
    departmentId: reservation.departmentId,
    projectId: reservation.projectId,
    agentId: reservation.agentId,
    userRef: reservation.userRef,
    taskType: reservation.taskType,
    workflow: reservation.workflow,
    outcomeRef: reservation.outcomeRef,
  };
}
