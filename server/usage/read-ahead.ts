import type { Transaction } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { periodsToReadAhead, readPeriodTotalsAhead, type BookItem } from "../budgets/budget-book";
import { loadBurnableGrants } from "../ledger/wallet";
import { lastSeenOrgConfig } from "../org-config/org-config";
import { resolveWith, type Directory } from "./attribution";
import type { AttributionInput } from "./event-input";
import { plannedBookItems } from "./event-plan";
import { markDueHoldsExpired, type ExpiredHold } from "./hold-expiry";
import { reservationIdOf, type HoldRequest, type SettleAnswer } from "./hold-requests";
import { findHeldAnswers } from "./held-answers";
import { occurredAtOf } from "./occurred-at";
import type { RecordRequest } from "./record-request";
import { findRecordedAnswers } from "./recorded-answers";
import { lockReservations } from "./reservation-locks";
import type { UsageAnswer } from "./usage-write";

/*
 * What a spending group reads after taking its wallet lock, sent in the lock's round trip, right
 * behind it — PostgreSQL runs a connection's pipelined statements in order, so these read what the
 * lock sees. Call these in the same tick as the lock; a group then costs two round trips.
 *
 * The budget period totals are planned before the lock, from the configuration this process last
 * saw and its own clock; the budget book reads whatever the plan missed (the configuration changed
 * meanwhile, an action fell in another period), so a wrong plan costs a round trip, never an answer.
 */

/** A group of usage records: the stored answers of its keys, the burnable grants, the budget totals its events count in. */
export function readAheadForRecords(tx: Transaction, orgId: string, requests: RecordRequest[]) {
  const keys = requests.flatMap((request) => [...request.firstByKey.keys()]);
  // A request planned on arrival (event-plan.ts) tells its items; the others are placed here.
  const unplanned = requests.flatMap((request) =>
    request.plan ? [] : [...request.firstByKey.values()].map((index) => ({ principal: request.principal, input: request.prepared[index]!.input })),
  );
  const planned = requests.flatMap((request) => (request.plan ? plannedBookItems(request.plan) : []));
  const periods = plannedPeriods(orgId, (directory, now) => [...planned, ...plannedItems(directory, unplanned, now)], false);
  return unhandledSafe(
    Promise.all([findRecordedAnswers<UsageAnswer>(tx, orgId, keys), loadBurnableGrants(tx, orgId), periods && readPeriodTotalsAhead(tx, orgId, periods)]).then(
      ([answered, grants, periodTotals]) => ({ answered, grants, periods: periodTotals }),
    ),
  );
}

/**
 * A group of holds: due holds expired (those it resolves itself excepted), the stored answers of its
 * keys, the holds it settles or releases (locked), the grants when it settles, and the budget totals
 * — of its new holds, and, when it resolves holds (whose budgets only their rows tell), the current
 * period of every budget of a small organisation.
 */
export function readAheadForHolds(tx: Transaction, orgId: string, requests: HoldRequest[]) {
  const authorizes = requests.flatMap((request) => (request.kind === "authorize" ? [request] : []));
  const settles = requests.flatMap((request) => (request.kind === "settle" ? [request] : []));
  const toResolve = [...new Set(requests.flatMap((request) => (request.kind === "authorize" ? [] : [reservationIdOf(request)])))];
  const periods = plannedPeriods(orgId, (directory, now) => plannedItems(directory, authorizes, now), toResolve.length > 0);
  return unhandledSafe(
    Promise.all([
      // Holds past their time must not crowd out a new one (in the balance or a budget); those this
      // group resolves itself are left to it, so the two statements never touch the same row.
      authorizes.length > 0 ? markDueHoldsExpired(tx, orgId, toResolve) : Promise.resolve<ExpiredHold[]>([]),
      findHeldAnswers(
        tx,
        orgId,
        authorizes.map((request) => request.input.idempotencyKey),
      ),
      findRecordedAnswers<SettleAnswer>(
        tx,
        orgId,
        settles.map((request) => request.key),
      ),
      lockReservations(tx, orgId, toResolve),
      settles.length > 0 ? loadBurnableGrants(tx, orgId) : Promise.resolve([]),
      periods && readPeriodTotalsAhead(tx, orgId, periods),
    ]).then(([expired, heldAnswers, usageAnswers, locked, grants, periodTotals]) => ({ expired, heldAnswers, usageAnswers, locked, grants, periods: periodTotals })),
  );
}

/** Awaited after the lock; should the lock fail first, the reads' failure must not go unhandled. */
function unhandledSafe<T>(reads: Promise<T>): Promise<T> {
  reads.catch(() => {});
  return reads;
}

/** An action to plan for: who asked, and what it is attributed to and when. */
interface PlannedAction {
  principal: Principal;
  input: AttributionInput & { timestamp?: string };
}

/** The budget periods to read ahead for the items foreseen (and every budget's current one, if asked), when this process has seen the configuration. */
function plannedPeriods(orgId: string, itemsOf: (directory: Directory, now: Date) => BookItem[], everyBudgetNow: boolean) {
  const config = lastSeenOrgConfig(orgId);
  if (!config) return undefined;
  const now = new Date();
  return periodsToReadAhead(config.timeZone, itemsOf(config.directory, now), config.budgets, everyBudgetNow ? now : undefined);
}

/** The budget book's items as the group will see them, as far as the last-seen directory tells (actions it cannot place are left out). */
function plannedItems(directory: Directory, actions: PlannedAction[], now: Date): BookItem[] {
  return actions.flatMap(({ principal, input }) => {
    try {
      const [attribution] = resolveWith(directory, principal, [input]);
      return [{ attribution: attribution!, at: occurredAtOf(input, now) }];
    } catch {
      // Refused under the lock, if at all; nothing to read for it.
      return [];
    }
  });
}
