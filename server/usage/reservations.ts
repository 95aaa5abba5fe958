import type { Database } from "../../db/client";
import type { Principal } from "../auth/principal";
import type { AuthorizeInput, SettleInput } from "./event-input";
import { prepareAuthorize, prepareSettle, type HoldResults } from "./hold-requests";
import { holdThroughLane } from "./wallet-lane";

export { expireDueHolds, expireReservations } from "./hold-expiry";
export type { ReleaseAnswer, ReservationAnswer, SettleAnswer } from "./hold-requests";

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
export async function authorizeReservation(db: Database, principal: Principal, input: AuthorizeInput): Promise<HoldResults["authorize"]> {
  return holdThroughLane(db, prepareAuthorize(principal, input));
}

export async function settleReservation(db: Database, principal: Principal, input: SettleInput): Promise<HoldResults["settle"]> {
  return holdThroughLane(db, prepareSettle(principal, input));
}

/** Releases a hold the action no longer needs. Releasing twice, or after expiry, answers the same. */
export async function releaseReservation(db: Database, principal: Principal, reservationId: string): Promise<HoldResults["release"]> {
  return holdThroughLane(db, { kind: "release", principal, reservationId });
}
