import { and, eq, lte, sql } from "drizzle-orm";
import { reservations, type BudgetHold } from "../../db/schema";
import type { Database } from "../../db/client";
import { withTransaction, type Transaction } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
import { raiseBudgetAlerts } from "../alerts/raise-budget-alerts";
import type { Principal } from "../auth/principal";
import { openBudgetBook } from "../budgets/budget-book";
import { availableMicros, changeHeld, loadBurnableGrants, lockWallet, type LockedWallet } from "../ledger/wallet";
import { AppError, invalidInput, notFound } from "../lib/errors";
import { hashPayload } from "../lib/hash";
import { uuidv7 } from "../lib/ids";
import { normalizeAction } from "../pricing/action";
import { orgConfig, priceBookOf } from "../org-config/org-config";
import { priceWith, type PricedAction } from "../pricing/price-book";
import { resolveWith, type Attribution } from "./attribution";
import type { AuthorizeInput, SettleInput } from "./event-input";
import { findAnswers, replayOrConflict, storeAnswers } from "./idempotency";
import { postUsage, type UsageAnswer } from "./post-usage";
import { inWalletLane } from "./wallet-lane";
import { occurredAtOf } from "./occurred-at";

/**
 * Reservations hold estimated credits while an action runs (available = posted − held).
 *
 * Settling with an actual cost above the hold: the event is always recorded at its full cost; the
 * ledger debits the cost up to what this hold plus the unheld balance cover — and up to what every
 * pause budget still allows — and whatever is left is recorded on the event as uncovered
 * (cost − charged): usage that happened is never lost, no balance goes below zero, and no pause
 * budget's committed + held passes its limit. A settle after the hold expired is recorded the same
 * way with no hold. Holds are booked in the budgets that applied when they were made, and returned
 * to exactly those.
 */
export interface ReservationAnswer {
  reservationId: string;
  heldMicros: number;
  expiresAt: string;
  availableAfterMicros: number;
  priceVersion: number | null;
}

export interface SettleAnswer extends UsageAnswer {
  reservationId: string;
  /** Held credits returned to the available balance. */
  releasedMicros: number;
  /** Cost the ledger could not debit (see above); 0 in the normal case. */
  uncoveredMicros: number;
}

export async function authorizeReservation(
  db: Database,
  principal: Principal,
  input: AuthorizeInput,
): Promise<ReservationAnswer & { replay: boolean }> {
  const { idempotencyKey, ...request } = input;
  const requestHash = hashPayload(request);
  const hasAction = Boolean(input.model || input.operation);
  if (hasAction === (input.amountMicros !== undefined)) {
    throw invalidInput("Give either an action to estimate (model or operation) or `amountMicros`");
  }
  const action = hasAction ? normalizeAction(input) : undefined;

  return inWalletLane(db, principal.orgId, async (tx) => {
    let wallet = await lockWallet(tx, principal.orgId);
    const raced = (await findAnswers<ReservationAnswer>(tx, principal.orgId, "reservation", [idempotencyKey])).get(idempotencyKey);
    if (raced) return { ...replayOrConflict(raced, requestHash, idempotencyKey), replay: true };
    const config = await orgConfig(tx, principal.orgId, wallet.configVersion);
    const at = occurredAtOf(input, wallet.now);
    const [attribution] = resolveWith(config.directory, principal, [input]);
    const priced: PricedAction | undefined = action ? priceWith(await priceBookOf(tx, principal.orgId, config), [{ action, at }])[0] : undefined;
    const amountMicros = priced ? priced.costMicros : input.amountMicros!;
    if (amountMicros <= 0) throw invalidInput("The estimate is zero: there is nothing to hold; record the usage directly");
    // Holds past their time must not crowd out this one, in the balance or in a budget.
    if ((await expireDueHolds(tx, wallet)) > 0) wallet = await lockWallet(tx, principal.orgId);
    if (availableMicros(wallet) < amountMicros) {
      throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits are available to hold this estimate", {
        requiredMicros: amountMicros,
        availableMicros: Math.max(0, availableMicros(wallet)),
      });
    }
    const book = await openBudgetBook(tx, principal.orgId, config.timeZone, [{ attribution: attribution!, at }], [], config.budgets);
    book.assertFits(0, amountMicros);
    const budgetHolds = book.addHold(0, amountMicros);
    await book.flush(tx);
    const id = uuidv7();
    const [row] = await tx
      .insert(reservations)
      .values({
        orgId: principal.orgId,
        id,
        idempotencyKey,
        amountMicros,
        item: priced?.pricedAs ?? null,
        priceVersionId: priced?.priceVersionId ?? null,
        ...attribution!,
        apiKeyId: principal.kind === "apiKey" ? principal.apiKeyId : null,
        expiresAt: sql`now() + make_interval(secs => ${input.ttlSeconds})`,
        budgetHolds,
      })
      .returning({ expiresAt: reservations.expiresAt });
    await changeHeld(tx, principal.orgId, amountMicros);
    const availableAfterMicros = availableMicros(wallet) - amountMicros;
    await checkLowBalance(tx, wallet, availableAfterMicros);
    const answer: ReservationAnswer = {
      reservationId: id,
      heldMicros: amountMicros,
      expiresAt: row!.expiresAt.toISOString(),
      availableAfterMicros,
      priceVersion: priced?.priceVersion ?? null,
    };
    await storeAnswers(tx, principal.orgId, "reservation", [{ key: idempotencyKey, requestHash, response: answer }]);
    return { ...answer, replay: false };
  });
}

export async function settleReservation(db: Database, principal: Principal, input: SettleInput): Promise<SettleAnswer & { replay: boolean }> {
  const key = input.idempotencyKey ?? `settle:${input.reservationId}`;
  const { idempotencyKey: _ignored, ...request } = input;
  const requestHash = hashPayload(request);
  const action = normalizeAction(input);

  return inWalletLane(db, principal.orgId, async (tx) => {
    const wallet = await lockWallet(tx, principal.orgId);
    const raced = (await findAnswers<SettleAnswer>(tx, principal.orgId, "usage", [key])).get(key);
    if (raced) return { ...replayOrConflict(raced, requestHash, key), replay: true };
    const config = await orgConfig(tx, principal.orgId, wallet.configVersion);
    const occurredAt = occurredAtOf(input, wallet.now);
    const [priced] = priceWith(await priceBookOf(tx, principal.orgId, config), [{ action, at: occurredAt }]);
    const reservation = await lockReservation(tx, principal, input.reservationId);
    if (reservation.status === "settled" || reservation.status === "released") {
      throw new AppError("RESERVATION_NOT_ACTIVE", `Reservation is already ${reservation.status}`, {
        reservationId: reservation.id,
        status: reservation.status,
      });
    }
    const active = reservation.status === "active";
    const hold = active ? reservation.amountMicros : 0;
    const attribution = attributionOf(reservation);
    const book = await openBudgetBook(
      tx,
      principal.orgId,
      config.timeZone,
      [{ attribution, at: occurredAt }],
      active ? reservation.budgetHolds : [],
      config.budgets,
    );
    if (active) book.releaseHolds(reservation.budgetHolds);
    // The hold plus the unheld balance, and what pause budgets still allow (see the rule above).
    const coverable = Math.max(0, wallet.postedMicros - (wallet.heldMicros - hold));
    const chargedMicros = Math.min(priced!.costMicros, coverable, book.headroom(0));
    book.addSpend(0, chargedMicros);
    const eventId = uuidv7();
    // Never below zero, even when expired grants left other holds bigger than what is posted.
    const balanceAfterMicros = Math.max(0, wallet.postedMicros - chargedMicros - (wallet.heldMicros - hold));
    const answer: SettleAnswer = {
      eventId,
      idempotencyKey: key,
      costMicros: priced!.costMicros,
      chargedMicros,
      priceVersion: priced!.priceVersion,
      priceVersionId: priced!.priceVersionId,
      balanceAfterMicros,
      reservationId: reservation.id,
      releasedMicros: Math.max(0, hold - chargedMicros),
      uncoveredMicros: priced!.costMicros - chargedMicros,
    };
    await postUsage(
      tx,
      principal.orgId,
      config.timeZone,
      await loadBurnableGrants(tx, principal.orgId, wallet.now),
      [
        {
          id: eventId,
          idempotencyKey: key,
          occurredAt,
          action,
          priced: priced!,
          attribution,
          chargedMicros,
          reservationId: reservation.id,
          apiKeyId: principal.kind === "apiKey" ? principal.apiKeyId : null,
          metadata: input.metadata ?? null,
        },
      ],
      [{ namespace: "usage", key, requestHash, response: answer }],
    );
    await tx
      .update(reservations)
      .set({ status: "settled", resolvedAt: sql`now()`, usageEventId: eventId })
      .where(and(eq(reservations.orgId, principal.orgId), eq(reservations.id, reservation.id)));
    await changeHeld(tx, principal.orgId, -hold);
    await raiseBudgetAlerts(tx, principal.orgId, await book.flush(tx), wallet.now);
    await checkLowBalance(tx, wallet, balanceAfterMicros);
    return { ...answer, replay: false };
  });
}

/** Releases a hold the action no longer needs. Releasing twice, or after expiry, answers the same. */
export async function releaseReservation(
  db: Database,
  principal: Principal,
  reservationId: string,
): Promise<{ reservationId: string; status: "released" | "expired"; releasedMicros: number }> {
  return inWalletLane(db, principal.orgId, async (tx) => {
    const wallet = await lockWallet(tx, principal.orgId);
    const reservation = await lockReservation(tx, principal, reservationId);
    if (reservation.status === "settled") {
      throw new AppError("RESERVATION_NOT_ACTIVE", "Reservation is already settled", { reservationId, status: "settled" });
    }
    if (reservation.status !== "active") return { reservationId, status: reservation.status, releasedMicros: 0 };
    await tx
      .update(reservations)
      .set({ status: "released", resolvedAt: sql`now()` })
      .where(and(eq(reservations.orgId, principal.orgId), eq(reservations.id, reservationId)));
    await returnHolds(tx, wallet, [reservation]);
    return { reservationId, status: "released", releasedMicros: reservation.amountMicros };
  });
}

async function lockReservation(tx: Transaction, principal: Principal, reservationId: string) {
  const [reservation] = await tx
    .select()
    .from(reservations)
    .where(and(eq(reservations.orgId, principal.orgId), eq(reservations.id, reservationId)))
    .for("update");
  if (!reservation) throw notFound("Reservation", { reservationId });
  if (principal.kind === "apiKey" && principal.departmentId && reservation.departmentId !== principal.departmentId) {
    throw notFound("Reservation", { reservationId });
  }
  return reservation;
}

/** Expires an organisation's holds whose time is up; returns the micro-credits released. Needs the wallet lock. */
export async function expireDueHolds(tx: Transaction, wallet: LockedWallet): Promise<number> {
  const expired = await tx
    .update(reservations)
    .set({ status: "expired", resolvedAt: wallet.now })
    .where(and(eq(reservations.orgId, wallet.orgId), eq(reservations.status, "active"), lte(reservations.expiresAt, wallet.now)))
    .returning({ amountMicros: reservations.amountMicros, budgetHolds: reservations.budgetHolds });
  return returnHolds(tx, wallet, expired);
}

/** Gives resolved holds back: to the available balance and to every budget they were booked in. */
async function returnHolds(tx: Transaction, wallet: LockedWallet, resolved: { amountMicros: number; budgetHolds: BudgetHold[] }[]): Promise<number> {
  if (resolved.length === 0) return 0;
  const released = resolved.reduce((sum, row) => sum + row.amountMicros, 0);
  await changeHeld(tx, wallet.orgId, -released);
  const holds = resolved.flatMap((row) => row.budgetHolds);
  const config = await orgConfig(tx, wallet.orgId, wallet.configVersion);
  const book = await openBudgetBook(tx, wallet.orgId, config.timeZone, [], holds, config.budgets);
  book.releaseHolds(holds);
  await book.flush(tx);
  await checkLowBalance(tx, wallet, availableMicros(wallet) + released);
  return released;
}

function attributionOf(reservation: typeof reservations.$inferSelect): Attribution {
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

/** The expiry job: every organisation with a hold past its time, one transaction each. */
export async function expireReservations(db: Database): Promise<{ organizations: number; releasedMicros: number }> {
  const due = await db
    .selectDistinct({ orgId: reservations.orgId })
    .from(reservations)
    .where(and(eq(reservations.status, "active"), lte(reservations.expiresAt, sql`now()`)));
  let releasedMicros = 0;
  for (const { orgId } of due) {
    releasedMicros += await withTransaction(db, async (tx) => {
      return expireDueHolds(tx, await lockWallet(tx, orgId));
    });
  }
  return { organizations: due.length, releasedMicros };
}
