import type { Principal } from "../auth/principal";
import { invalidInput } from "../lib/errors";
import { hashPayload } from "../lib/hash";
import { normalizeAction, type NormalizedAction } from "../pricing/action";
import type { AuthorizeInput, SettleInput } from "./event-input";
import type { UsageAnswer } from "./usage-write";

/** What a caller is told about a new hold — stored under its idempotency key, so a retry answers the same. */
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
  /** Cost the ledger could not debit (see server/usage/reservations.ts); 0 in the normal case. */
  uncoveredMicros: number;
}

export interface ReleaseAnswer {
  reservationId: string;
  status: "released" | "expired";
  releasedMicros: number;
}

/** One caller's usage.authorize, validated and hashed before any database work. */
export interface AuthorizeRequest {
  kind: "authorize";
  principal: Principal;
  input: AuthorizeInput;
  requestHash: string;
  /** The action to price, or none when the caller gave `amountMicros`. */
  action?: NormalizedAction;
}

/** One caller's usage.settle, validated and hashed before any database work. */
export interface SettleRequest {
  kind: "settle";
  principal: Principal;
  input: SettleInput;
  /** The idempotency key the usage event is recorded under (`settle:<reservationId>` by default). */
  key: string;
  requestHash: string;
  action: NormalizedAction;
}

export interface ReleaseRequest {
  kind: "release";
  principal: Principal;
  reservationId: string;
}

export type HoldRequest = AuthorizeRequest | SettleRequest | ReleaseRequest;

/** What each kind of request answers. */
export interface HoldResults {
  authorize: ReservationAnswer & { replay: boolean };
  settle: SettleAnswer & { replay: boolean };
  release: ReleaseAnswer;
}

export type HoldResult<R extends HoldRequest> = HoldResults[R["kind"]];
export type HoldOutcome = { ok: true; value: HoldResults[HoldRequest["kind"]] } | { ok: false; error: unknown };

export function prepareAuthorize(principal: Principal, input: AuthorizeInput): AuthorizeRequest {
  const { idempotencyKey: _key, ...request } = input;
  const hasAction = Boolean(input.model || input.operation);
  if (hasAction === (input.amountMicros !== undefined)) {
    throw invalidInput("Give either an action to estimate (model or operation) or `amountMicros`");
  }
  return { kind: "authorize", principal, input, requestHash: hashPayload(request), action: hasAction ? normalizeAction(input) : undefined };
}

export function prepareSettle(principal: Principal, input: SettleInput): SettleRequest {
  const { idempotencyKey: _key, ...request } = input;
  return {
    kind: "settle",
    principal,
    input,
    key: input.idempotencyKey ?? `settle:${input.reservationId}`,
    requestHash: hashPayload(request),
    action: normalizeAction(input),
  };
}

/** The hold a settle or release resolves. */
export const reservationIdOf = (request: SettleRequest | ReleaseRequest) => (request.kind === "settle" ? request.input.reservationId : request.reservationId);

/**
 * The idempotency keys a request answers under, namespaced: two requests sharing one must not be in
 * the same group (the later one has to see the earlier one's stored answer).
 */
export function idempotencyKeysOf(request: HoldRequest): string[] {
  if (request.kind === "authorize") return [`reservation:${request.input.idempotencyKey}`];
  if (request.kind === "settle") return [`usage:${request.key}`];
  return [];
}
