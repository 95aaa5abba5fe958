import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { creditWallets, reservations, usageEvents } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { getCreditBalance } from "../../server/ledger/balance";
import { expireGrants } from "../../server/ledger/expire-grants";
import { createGrant } from "../../server/ledger/grants";
import { verifyLedger } from "../../server/ledger/verify";
import { expireReservations, releaseReservation, settleReservation } from "../../server/usage/reservations";
import { useConnections } from "../support/db-connections";
import { countOrgRows } from "../support/db-counts";
import { failureOf, reportedError } from "../support/db-errors";
import { letGrantLapse, letHoldLapse } from "../support/db-time";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * Reservations: available = posted − held; a hold is resolved exactly once (settled, released or
 * expired); a settle above the hold charges what the hold plus the unheld balance cover and records
 * the rest as uncovered (see the comment at the top of server/usage/reservations.ts).
 */
const db = useTestDatabase();
/** Filled before the tests run: separate sessions for the calls that race each other. */
const racers = useConnections(3);

const STARTER = 10_000_000;
const HOLD = 3_000_000;

const api = (org: TestOrg) => createCaller({ db, principal: org.apiKey });
const hold = (org: TestOrg, idempotencyKey: string, amountMicros = HOLD) =>
  api(org).usage.authorize({ idempotencyKey, amountMicros, agent: "support-bot" });
/** test-small bills 1 µcr per input token, so a settle for `costMicros` sends that many tokens. */
const actual = (costMicros: number) => ({ model: "test-small", inputTokens: costMicros });

async function reservationRow(org: TestOrg, reservationId: string) {
  const [row] = await db
    .select()
    .from(reservations)
    .where(and(eq(reservations.orgId, org.orgId), eq(reservations.id, reservationId)));
  return row!;
}

const nextHoldExpiry = async (org: TestOrg) =>
  (await db.select({ at: creditWallets.nextHoldExpiryAt }).from(creditWallets).where(eq(creditWallets.orgId, org.orgId)))[0]!.at;

const wallet = async (org: TestOrg) => {
  const { postedMicros, heldMicros, availableMicros } = await getCreditBalance(db, org.orgId);
  return { postedMicros, heldMicros, availableMicros };
};

/** Nothing active is left of what `org` held: no next hold expiry, the whole balance available, the ledger clean. */
async function expectNothingHeld(org: TestOrg) {
  expect(await nextHoldExpiry(org)).toBeNull();
  expect(await wallet(org)).toEqual({ postedMicros: STARTER, heldMicros: 0, availableMicros: STARTER });
  expect(await verifyLedger(db, org.orgId)).toEqual([]);
}

describe("holds", () => {
  it("reduce what is available, not what is posted", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const byAmount = await hold(org, "h-1");
    const byAction = await api(org).usage.authorize({ idempotencyKey: "h-2", model: "test-small", inputTokens: 2_000, outputTokens: 1_000 });

    expect(byAmount).toMatchObject({ heldMicros: HOLD, availableAfterMicros: STARTER - HOLD, priceVersion: null, replay: false });
    expect(byAction).toMatchObject({ heldMicros: 4_000, availableAfterMicros: STARTER - HOLD - 4_000, priceVersion: 1, replay: false });
    expect(await api(org).credits.balance()).toMatchObject({ postedMicros: STARTER, heldMicros: HOLD + 4_000, availableMicros: STARTER - HOLD - 4_000 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("refuses a hold that would overdraw and writes nothing", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    await hold(org, "h-1", 6_000_000);
    const before = await countOrgRows(db, org.orgId);

    for (const amountMicros of [4_000_001, STARTER + 1]) {
      const refusal = await failureOf(hold(org, `too-much-${amountMicros}`, amountMicros));
      expect(refusal).toMatchObject({ appCode: "INSUFFICIENT_CREDITS", details: { requiredMicros: amountMicros, availableMicros: 4_000_000 } });
    }
    expect(await countOrgRows(db, org.orgId)).toEqual(before);
    expect(await wallet(org)).toEqual({ postedMicros: STARTER, heldMicros: 6_000_000, availableMicros: 4_000_000 });
  });

  it("lets a new hold take the room of holds whose time is up", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const stale = await hold(org, "stale", 8_000_000);
    await letHoldLapse(db, org.orgId, stale.reservationId);

    expect(await hold(org, "fresh", 5_000_000)).toMatchObject({ heldMicros: 5_000_000, availableAfterMicros: 5_000_000 });
    expect((await reservationRow(org, stale.reservationId)).status).toBe("expired");
    expect(await wallet(org)).toEqual({ postedMicros: STARTER, heldMicros: 5_000_000, availableMicros: 5_000_000 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("keep the wallet's next hold expiry at the soonest active hold: lowered by a new hold, raised by the sweep", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const later = await api(org).usage.authorize({ idempotencyKey: "later", amountMicros: 1_000, ttlSeconds: 3_600 });
    expect(await nextHoldExpiry(org)).toEqual(new Date(later.expiresAt));
    const sooner = await api(org).usage.authorize({ idempotencyKey: "sooner", amountMicros: 1_000, ttlSeconds: 600 });
    expect(await nextHoldExpiry(org)).toEqual(new Date(sooner.expiresAt));

    await letHoldLapse(db, org.orgId, sooner.reservationId);
    const third = await api(org).usage.authorize({ idempotencyKey: "third", amountMicros: 1_000, ttlSeconds: 7_200 });
    expect((await reservationRow(org, sooner.reservationId)).status).toBe("expired");
    // The sweep moved it up to the soonest hold left; the third, made in the same group, expires later.
    expect(await nextHoldExpiry(org)).toEqual(new Date(later.expiresAt));
    expect(await verifyLedger(db, org.orgId)).toEqual([]);

    await api(org).usage.release({ reservationId: later.reservationId });
    await letHoldLapse(db, org.orgId, third.reservationId);
    await expireReservations(db);
    await expectNothingHeld(org);
  });

  it("leave a bound that has come but finds nothing due to the expiry job, which moves it up", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "h-1");
    await letHoldLapse(db, org.orgId, reservationId);
    // Released before anything swept it: the bound has come, and nothing is active.
    expect(await api(org).usage.release({ reservationId })).toMatchObject({ status: "released", releasedMicros: HOLD });

    await expireReservations(db);
    await expectNothingHeld(org);
  });

  it("are reported by ledger:verify when the wallet's next hold expiry is later than an active hold's", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const held = await hold(org, "h-1");
    await db.update(creditWallets).set({ nextHoldExpiryAt: new Date(new Date(held.expiresAt).getTime() + 1_000) }).where(eq(creditWallets.orgId, org.orgId));

    expect(await verifyLedger(db, org.orgId)).toEqual([
      expect.objectContaining({ check: "wallet next hold expiry <= soonest active hold", orgId: org.orgId, subject: org.orgId }),
    ]);
  });
});

describe("settling", () => {
  it("below the hold charges the actual cost and releases the rest", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "h-1");
    const settled = await api(org).usage.settle({ reservationId, ...actual(1_000_000) });

    expect(settled).toMatchObject({
      reservationId,
      costMicros: 1_000_000,
      chargedMicros: 1_000_000,
      releasedMicros: 2_000_000,
      uncoveredMicros: 0,
      balanceAfterMicros: 9_000_000,
      priceVersion: 1,
      replay: false,
    });
    expect(await wallet(org)).toEqual({ postedMicros: 9_000_000, heldMicros: 0, availableMicros: 9_000_000 });
    const [row] = await db.select().from(usageEvents).where(eq(usageEvents.orgId, org.orgId));
    expect(row).toMatchObject({ id: settled.eventId, reservationId, costMicros: 1_000_000, chargedMicros: 1_000_000, inputTokens: 1_000_000 });
    expect(row!.agentId).not.toBeNull();
    expect(await reservationRow(org, reservationId)).toMatchObject({ status: "settled", usageEventId: settled.eventId });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("above the hold charges the excess to the unheld balance", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "h-1");
    const settled = await api(org).usage.settle({ reservationId, ...actual(5_000_000) });

    expect(settled).toMatchObject({ costMicros: 5_000_000, chargedMicros: 5_000_000, releasedMicros: 0, uncoveredMicros: 0, balanceAfterMicros: 5_000_000 });
    expect(await wallet(org)).toEqual({ postedMicros: 5_000_000, heldMicros: 0, availableMicros: 5_000_000 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("above what the hold and the unheld balance cover records the rest as uncovered, leaving other holds intact", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "h-1");
    await hold(org, "h-2", 4_000_000);
    const settled = await api(org).usage.settle({ reservationId, ...actual(8_000_000) });

    expect(settled).toMatchObject({ costMicros: 8_000_000, chargedMicros: 6_000_000, uncoveredMicros: 2_000_000, releasedMicros: 0, balanceAfterMicros: 0 });
    const [row] = await db.select().from(usageEvents).where(eq(usageEvents.orgId, org.orgId));
    expect(row).toMatchObject({ costMicros: 8_000_000, chargedMicros: 6_000_000 });
    expect(await wallet(org)).toEqual({ postedMicros: 4_000_000, heldMicros: 4_000_000, availableMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("answers a retried settle with the first answer and refuses one with other usage", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "h-1");
    const first = await api(org).usage.settle({ reservationId, ...actual(1_000_000) });
    const again = await api(org).usage.settle({ reservationId, ...actual(1_000_000) });
    const before = await countOrgRows(db, org.orgId);

    expect(again).toEqual({ ...first, replay: true });
    expect(await failureOf(api(org).usage.settle({ reservationId, ...actual(1_000_001) }))).toMatchObject({ appCode: "IDEMPOTENCY_CONFLICT" });
    expect(await failureOf(api(org).usage.settle({ reservationId, idempotencyKey: "another-key", ...actual(1_000_000) }))).toMatchObject({
      appCode: "RESERVATION_NOT_ACTIVE",
      details: { status: "settled" },
    });
    expect(await countOrgRows(db, org.orgId)).toEqual({ ...before, usageEvents: 1 });
    expect(await wallet(org)).toEqual({ postedMicros: 9_000_000, heldMicros: 0, availableMicros: 9_000_000 });
  });

  it("sent twice at once on separate connections records one event", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "h-1");
    const answers = await Promise.all(racers.slice(0, 2).map((connection) => settleReservation(connection, org.apiKey, { reservationId, ...actual(1_000_000) })));

    expect(answers.map((answer) => answer.replay).sort()).toEqual([false, true]);
    expect(answers[1]!.eventId).toBe(answers[0]!.eventId);
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 1 });
    expect(await wallet(org)).toEqual({ postedMicros: 9_000_000, heldMicros: 0, availableMicros: 9_000_000 });
  });

  it("after a release is refused with RESERVATION_NOT_ACTIVE and writes nothing", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "h-1");

    expect(await api(org).usage.release({ reservationId })).toEqual({ reservationId, status: "released", releasedMicros: HOLD });
    expect(await api(org).usage.release({ reservationId })).toEqual({ reservationId, status: "released", releasedMicros: 0 });
    const before = await countOrgRows(db, org.orgId);
    const refusal = await failureOf(api(org).usage.settle({ reservationId, ...actual(1_000_000) }));

    expect(refusal).toMatchObject({ appCode: "RESERVATION_NOT_ACTIVE", details: { reservationId, status: "released" } });
    expect(await countOrgRows(db, org.orgId)).toEqual(before);
    expect(await wallet(org)).toEqual({ postedMicros: STARTER, heldMicros: 0, availableMicros: STARTER });
  });

  it("after expiry is recorded late, with no hold left to release", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "h-1");
    await letHoldLapse(db, org.orgId, reservationId);
    const job = await expireReservations(db);

    expect(job.organizations).toBeGreaterThanOrEqual(1);
    expect(await reservationRow(org, reservationId)).toMatchObject({ status: "expired" });
    expect(await wallet(org)).toEqual({ postedMicros: STARTER, heldMicros: 0, availableMicros: STARTER });
    expect(await api(org).usage.release({ reservationId })).toEqual({ reservationId, status: "expired", releasedMicros: 0 });

    const late = await api(org).usage.settle({ reservationId, ...actual(1_000_000) });
    expect(late).toMatchObject({ costMicros: 1_000_000, chargedMicros: 1_000_000, releasedMicros: 0, uncoveredMicros: 0, balanceAfterMicros: 9_000_000 });
    expect(await wallet(org)).toEqual({ postedMicros: 9_000_000, heldMicros: 0, availableMicros: 9_000_000 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("after the credits under the hold expired charges nothing it cannot cover and shows nothing available, never less", async () => {
    const org = await createTestOrg(db, { starterMicros: 0 });
    const promotion = await createGrant(db, { orgId: org.orgId, kind: "promotion", amountMicros: STARTER, expiresAt: new Date(Date.now() + 86_400_000) });
    const { reservationId } = await hold(org, "h-1", 8_000_000);
    await hold(org, "h-2", 2_000_000);
    await letGrantLapse(db, org.orgId, promotion.id);
    await expireGrants(db);

    expect(await api(org).credits.balance()).toMatchObject({ postedMicros: 0, heldMicros: STARTER, availableMicros: 0 });
    const settled = await api(org).usage.settle({ reservationId, ...actual(1_000_000) });
    expect(settled).toMatchObject({ costMicros: 1_000_000, chargedMicros: 0, uncoveredMicros: 1_000_000, releasedMicros: 8_000_000, balanceAfterMicros: 0 });
    expect(await wallet(org)).toEqual({ postedMicros: 0, heldMicros: 2_000_000, availableMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("is invisible to another organisation", async () => {
    const [owner, other] = await Promise.all([createTestOrg(db, { starterMicros: STARTER }), createTestOrg(db, { starterMicros: STARTER })]);
    const { reservationId } = await hold(owner, "h-1");
    const before = await countOrgRows(db, owner.orgId);

    expect(await failureOf(api(other).usage.settle({ reservationId, ...actual(1_000_000) }))).toMatchObject({ appCode: "NOT_FOUND" });
    expect(await failureOf(api(other).usage.release({ reservationId }))).toMatchObject({ appCode: "NOT_FOUND" });
    expect(await countOrgRows(db, owner.orgId)).toEqual(before);
    expect(await wallet(owner)).toEqual({ postedMicros: STARTER, heldMicros: HOLD, availableMicros: STARTER - HOLD });
    expect(await countOrgRows(db, other.orgId)).toMatchObject({ usageEvents: 0, reservations: 0 });
  });
});

describe("settle, release and expiry racing for one hold on separate connections", () => {
  const COST = 1_000_000;

  /** A call that lost the race is told the hold is no longer active; nothing else may go wrong. */
  const lostOrValue = <T>(result: PromiseSettledResult<T>): T | undefined => {
    if (result.status === "fulfilled") return result.value;
    expect(reportedError(result.reason).appCode).toBe("RESERVATION_NOT_ACTIVE");
    return undefined;
  };

  /**
   * Started together, release or expiry nearly always wins (settle prices the usage before it locks
   * anything); a head start for one contender lets every order happen.
   */
  const startFor = (headStart: string, contender: string) =>
    new Promise((resolve) => setTimeout(resolve, headStart === "none" || headStart === contender ? 0 : 10));

  it.each(["none", "settle", "release", "expiry", "none", "settle"])("resolve it exactly once (head start: %s)", async (headStart) => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { reservationId } = await hold(org, "raced");
    await letHoldLapse(db, org.orgId, reservationId);

    const [settler, releaser, expirer] = racers as [Database, Database, Database];
    const [settleResult, releaseResult, expiryResult] = await Promise.allSettled([
      startFor(headStart, "settle").then(() => settleReservation(settler, org.apiKey, { reservationId, ...actual(COST) })),
      startFor(headStart, "release").then(() => releaseReservation(releaser, org.apiKey, reservationId)),
      startFor(headStart, "expiry").then(() => expireReservations(expirer)),
    ]);
    if (expiryResult.status === "rejected") throw expiryResult.reason;
    const settled = lostOrValue(settleResult);
    const released = lostOrValue(releaseResult);

    // Who resolved the hold: settle (it returned the unused part), release (it returned all of it) or the expiry job.
    const bySettle = settled?.releasedMicros === HOLD - COST;
    const byRelease = released?.status === "released" && released.releasedMicros === HOLD;
    const byExpiry = settled?.releasedMicros === 0 || released?.status === "expired";
    expect([bySettle, byRelease, byExpiry].filter(Boolean)).toHaveLength(1);
    // Only a release that won keeps the usage from being recorded.
    expect(settled === undefined).toBe(byRelease);

    const charged = settled ? COST : 0;
    expect(await wallet(org)).toEqual({ postedMicros: STARTER - charged, heldMicros: 0, availableMicros: STARTER - charged });
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: settled ? 1 : 0, reservations: 1 });
    expect((await reservationRow(org, reservationId)).status).toBe(byRelease ? "released" : "settled");
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});
