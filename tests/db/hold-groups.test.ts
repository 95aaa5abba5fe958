import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { reservations, usageEvents } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { getCreditBalance } from "../../server/ledger/balance";
import { verifyLedger } from "../../server/ledger/verify";
import { holdGroup } from "../../server/usage/hold-group";
import { prepareAuthorize, prepareSettle, type HoldOutcome } from "../../server/usage/hold-requests";
import { orgWithBudget, singlePeriodTotals, supportBudget } from "../support/budget-fixtures";
import { useConnections } from "../support/db-connections";
import { countOrgRows } from "../support/db-counts";
import { letHoldLapse } from "../support/db-time";
import { reportedError } from "../support/db-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * Holds handled in groups (server/usage/hold-group.ts): concurrent authorize, settle and release
 * calls of one organisation through one pool are checked in arrival order against a running
 * balance and running budget totals, and written together. Calls also go through separate pools
 * (each its own lane), whose groups race for the wallet lock in PostgreSQL. Whatever the grouping,
 * exactly what fits is admitted, and the ledger, the held total and the budgets agree.
 */
const db = useTestDatabase(16);
const racers = useConnections(3);
/** Calls spread over these: one shared pool (its lane groups them) and three single-session pools. */
const pools = (): Database[] => [db, db, db, db, db, ...racers];

const HOLD = 3_000_000;
const COST = 1_000_000;

const apiOn = (pool: Database, org: TestOrg) => createCaller({ db: pool, principal: org.apiKey });
/** `count` calls started together, spread over the pools. */
const atOnce = <T>(count: number, call: (i: number, pool: Database) => Promise<T>) =>
  Promise.allSettled(Array.from({ length: count }, (_, i) => call(i, pools()[i % pools().length]!)));
const fulfilled = <T>(results: PromiseSettledResult<T>[]) => results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
const failures = (results: PromiseSettledResult<unknown>[]) =>
  results.flatMap((result) => (result.status === "rejected" ? [reportedError(result.reason)] : []));
/** test-small bills 1 µcr per input token. */
const usageOf = (micros: number) => ({ model: "test-small", inputTokens: micros });
const balanceOf = async (orgId: string) => {
  const { postedMicros, heldMicros, availableMicros } = await getCreditBalance(db, orgId);
  return { postedMicros, heldMicros, availableMicros };
};

describe("holds in groups", () => {
  it("32 authorizes at once on a tight balance: exactly the 10 that fit are held", async () => {
    const starter = 10 * HOLD + HOLD / 2;
    const org = await createTestOrg(db, { starterMicros: starter });
    const results = await atOnce(32, (i, pool) => apiOn(pool, org).usage.authorize({ idempotencyKey: `h-${i}`, amountMicros: HOLD, agent: "support-bot" }));

    const held = fulfilled(results);
    expect(held).toHaveLength(10);
    // Each hold saw the balance the holds before it left: every step from one hold to ten, once.
    expect(held.map((hold) => hold.availableAfterMicros).sort((a, b) => b - a)).toEqual(Array.from({ length: 10 }, (_, k) => starter - (k + 1) * HOLD));
    // A refusal comes only once ten are held, so each one saw exactly the half hold that is left.
    expect(failures(results)).toEqual(
      Array(22).fill(expect.objectContaining({ appCode: "INSUFFICIENT_CREDITS", details: { requiredMicros: HOLD, availableMicros: HOLD / 2 } })),
    );
    expect(await balanceOf(org.orgId)).toEqual({ postedMicros: starter, heldMicros: 10 * HOLD, availableMicros: HOLD / 2 });
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ reservations: 10, idempotencyKeys: 10, usageEvents: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("settles of 20 distinct holds at once each charge their usage and return the rest of their hold", async () => {
    const { org, budget, api } = await orgWithBudget(db, supportBudget("alert", 1_000 * HOLD));
    const before = await balanceOf(org.orgId);
    const holds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.usage.authorize({ idempotencyKey: `s-${i}`, amountMicros: HOLD, agent: "support-bot" })),
    );
    // Half below their hold, half above it (the excess comes from the unheld balance).
    const costOf = (i: number) => (i % 2 === 0 ? COST : HOLD + 2 * COST);

    const results = await atOnce(20, (i, pool) => apiOn(pool, org).usage.settle({ reservationId: holds[i]!.reservationId, ...usageOf(costOf(i)) }));

    const settled = fulfilled(results);
    expect(settled).toHaveLength(20);
    for (const answer of settled) {
      const i = holds.findIndex((hold) => hold.reservationId === answer.reservationId);
      expect(answer).toMatchObject({
        costMicros: costOf(i),
        chargedMicros: costOf(i),
        uncoveredMicros: 0,
        releasedMicros: Math.max(0, HOLD - costOf(i)),
        replay: false,
      });
    }
    const charged = Array.from({ length: 20 }, (_, i) => costOf(i)).reduce((sum, cost) => sum + cost, 0);
    expect(await balanceOf(org.orgId)).toEqual({ postedMicros: before.postedMicros - charged, heldMicros: 0, availableMicros: before.postedMicros - charged });
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: charged, heldMicros: 0 });
    const rows = await db.select().from(reservations).where(eq(reservations.orgId, org.orgId));
    expect(rows.map((row) => row.status)).toEqual(Array(20).fill("settled"));
    expect(new Set(rows.map((row) => row.usageEventId))).toEqual(new Set(settled.map((answer) => answer.eventId)));
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("settles above their holds at once share what is left: nothing below zero, the rest uncovered", async () => {
    const org = await createTestOrg(db, { starterMicros: 20_000_000 });
    const api = apiOn(db, org);
    const holds = await Promise.all(Array.from({ length: 4 }, (_, i) => api.usage.authorize({ idempotencyKey: `a-${i}`, amountMicros: 4_000_000 })));

    // 24 of usage against 16 held and 4 unheld.
    const results = await atOnce(4, (i, pool) => apiOn(pool, org).usage.settle({ reservationId: holds[i]!.reservationId, ...usageOf(6_000_000) }));

    const settled = fulfilled(results);
    expect(settled).toHaveLength(4);
    const sum = (pick: (answer: (typeof settled)[number]) => number) => settled.reduce((total, answer) => total + pick(answer), 0);
    expect(sum((answer) => answer.chargedMicros)).toBe(20_000_000);
    expect(sum((answer) => answer.uncoveredMicros)).toBe(4_000_000);
    for (const answer of settled) {
      // Each is covered by at least its own hold, and never more than it cost.
      expect(answer.chargedMicros).toBeGreaterThanOrEqual(4_000_000);
      expect(answer.chargedMicros + answer.uncoveredMicros).toBe(6_000_000);
      expect(answer.balanceAfterMicros).toBeGreaterThanOrEqual(0);
    }
    expect(await balanceOf(org.orgId)).toEqual({ postedMicros: 0, heldMicros: 0, availableMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("settles above their holds at once never take a pause budget past its limit", async () => {
    const { org, budget } = await orgWithBudget(db, supportBudget("pause", 10 * COST));
    const api = apiOn(db, org);
    const holds = await Promise.all(
      Array.from({ length: 3 }, (_, i) => api.usage.authorize({ idempotencyKey: `p-${i}`, amountMicros: HOLD, agent: "support-bot" })),
    );
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 0, heldMicros: 3 * HOLD });

    // 12 of usage against a limit of 10, 9 of it held.
    const results = await atOnce(3, (i, pool) => apiOn(pool, org).usage.settle({ reservationId: holds[i]!.reservationId, ...usageOf(4 * COST) }));

    const settled = fulfilled(results);
    expect(settled).toHaveLength(3);
    expect(settled.reduce((total, answer) => total + answer.chargedMicros, 0)).toBe(10 * COST);
    expect(settled.reduce((total, answer) => total + answer.uncoveredMicros, 0)).toBe(2 * COST);
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 10 * COST, heldMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("authorize, settle and release mixed at once, each sent twice: one effect each, replays answer the same", async () => {
    const { org, budget, api } = await orgWithBudget(db, supportBudget("alert", 1_000 * HOLD));
    const starter = (await balanceOf(org.orgId)).postedMicros;
    const earlier = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.usage.authorize({ idempotencyKey: `p-${i}`, amountMicros: HOLD, agent: "support-bot" })),
    );
    const idOf = (i: number) => earlier[i]!.reservationId;

    type Call = () => Promise<unknown>;
    const calls: { name: string; call: Call }[] = [];
    for (let copy = 0; copy < 2; copy++) {
      for (let i = 0; i < 10; i++) {
        if (i < 5) calls.push({ name: `settle ${i}`, call: () => api.usage.settle({ reservationId: idOf(i), ...usageOf(COST) }) });
        else calls.push({ name: `release ${i}`, call: () => api.usage.release({ reservationId: idOf(i) }) });
        calls.push({ name: `authorize ${i}`, call: () => api.usage.authorize({ idempotencyKey: `n-${i}`, amountMicros: HOLD, agent: "support-bot" }) });
      }
    }
    // Racing the releases of hold 5, and a reuse of a new hold's key with another amount.
    calls.push({ name: "settle 5", call: () => api.usage.settle({ reservationId: idOf(5), ...usageOf(COST) }) });
    calls.push({ name: "authorize 0 other", call: () => api.usage.authorize({ idempotencyKey: "n-0", amountMicros: HOLD + 1, agent: "support-bot" }) });
    const results = await Promise.allSettled(calls.map(({ call }) => call()));
    const byName = (name: string) => results.filter((_, i) => calls[i]!.name === name);

    // Settles sent twice: one settles, the other replays its answer.
    for (let i = 0; i < 5; i++) {
      const answers = fulfilled(byName(`settle ${i}`)) as { replay: boolean }[];
      expect(answers.map((answer) => answer.replay).sort()).toEqual([false, true]);
      expect({ ...answers[0], replay: null }).toEqual({ ...answers[1], replay: null });
    }
    // Hold 5 is either settled (both its releases refused) or released once (its settle refused).
    const settled5 = byName("settle 5")[0]!.status === "fulfilled";
    if (settled5) expect(failures(byName("release 5")).map((error) => error.appCode)).toEqual(["RESERVATION_NOT_ACTIVE", "RESERVATION_NOT_ACTIVE"]);
    else
      expect(failures(byName("settle 5"))).toEqual([
        expect.objectContaining({ appCode: "RESERVATION_NOT_ACTIVE", details: { reservationId: idOf(5), status: "released" } }),
      ]);
    for (let i = settled5 ? 6 : 5; i < 10; i++) {
      const answers = fulfilled(byName(`release ${i}`));
      expect(answers.map((answer) => answer).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
        { reservationId: idOf(i), status: "released", releasedMicros: 0 },
        { reservationId: idOf(i), status: "released", releasedMicros: HOLD },
      ]);
    }
    // New holds sent twice: one holds, the other replays; for n-0, whichever payload came first wins and the other is refused.
    const n0Other = byName("authorize 0 other")[0]!;
    for (let i = n0Other.status === "fulfilled" ? 1 : 0; i < 10; i++) {
      const answers = fulfilled(byName(`authorize ${i}`)) as { replay: boolean }[];
      expect(answers.map((answer) => answer.replay).sort()).toEqual([false, true]);
      expect({ ...answers[0], replay: null }).toEqual({ ...answers[1], replay: null });
    }
    const conflicts = failures([...byName("authorize 0"), n0Other]).map((error) => error.appCode);
    expect(conflicts).toEqual(n0Other.status === "fulfilled" ? ["IDEMPOTENCY_CONFLICT", "IDEMPOTENCY_CONFLICT"] : ["IDEMPOTENCY_CONFLICT"]);

    const events = settled5 ? 6 : 5;
    const held = 10 * HOLD + (n0Other.status === "fulfilled" ? 1 : 0);
    expect(await balanceOf(org.orgId)).toEqual({ postedMicros: starter - events * COST, heldMicros: held, availableMicros: starter - events * COST - held });
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: events * COST, heldMicros: held });
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ reservations: 20, usageEvents: events, idempotencyKeys: 20 + events });
    const active = await db.$count(reservations, and(eq(reservations.orgId, org.orgId), eq(reservations.status, "active")));
    expect(active).toBe(10);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("a request the database refuses fails alone when its group is retried one by one", async () => {
    const { org, api } = await orgWithBudget(db, supportBudget("alert", 1_000 * HOLD));
    const holds = await Promise.all(
      Array.from({ length: 6 }, (_, i) => api.usage.authorize({ idempotencyKey: `f-${i}`, amountMicros: HOLD, agent: "support-bot" })),
    );
    const before = await balanceOf(org.orgId);

    // PostgreSQL cannot store a NUL in jsonb: the group's one write fails, and each request is tried alone.
    const results = await Promise.allSettled(
      holds.map((hold, i) =>
        api.usage.settle({ reservationId: hold.reservationId, ...usageOf(COST), metadata: i === 2 ? { note: "a\u0000b" } : { note: "ok" } }),
      ),
    );

    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(failures(results).map((error) => error.appCode)).toEqual(["INVALID_INPUT"]);
    expect(await balanceOf(org.orgId)).toEqual({
      postedMicros: before.postedMicros - 5 * COST,
      heldMicros: HOLD,
      availableMicros: before.postedMicros - 5 * COST - HOLD,
    });
    const [refused] = await db
      .select()
      .from(reservations)
      .where(and(eq(reservations.orgId, org.orgId), eq(reservations.id, holds[2]!.reservationId)));
    expect(refused!.status).toBe("active");
    expect(await db.$count(usageEvents, eq(usageEvents.orgId, org.orgId))).toBe(5);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});

describe("one group, in arrival order", () => {
  /** What each request of a group was told: its answer, or its error's code and details. */
  const told = (outcomes: HoldOutcome[]) =>
    outcomes.map((outcome) => (outcome.ok ? outcome.value : { error: reportedError(outcome.error).appCode, details: reportedError(outcome.error).details }));
  const hold = (org: TestOrg, idempotencyKey: string, amountMicros: number) => prepareAuthorize(org.apiKey, { idempotencyKey, amountMicros, ttlSeconds: 600 });

  it("settles above their holds are covered in turn until the balance runs out", async () => {
    const org = await createTestOrg(db, { starterMicros: 20_000_000 });
    const api = apiOn(db, org);
    const holds = [];
    for (let i = 0; i < 4; i++) holds.push(await api.usage.authorize({ idempotencyKey: `a-${i}`, amountMicros: 4_000_000 }));

    const outcomes = await holdGroup(
      db,
      org.orgId,
      holds.map((held) => prepareSettle(org.apiKey, { reservationId: held.reservationId, ...usageOf(6_000_000) })),
    );

    // 4 unheld: the first two take 2 each beyond their holds; the last two get only their holds.
    expect(told(outcomes)).toMatchObject([
      { chargedMicros: 6_000_000, uncoveredMicros: 0, releasedMicros: 0, balanceAfterMicros: 2_000_000 },
      { chargedMicros: 6_000_000, uncoveredMicros: 0, releasedMicros: 0, balanceAfterMicros: 0 },
      { chargedMicros: 4_000_000, uncoveredMicros: 2_000_000, releasedMicros: 0, balanceAfterMicros: 0 },
      { chargedMicros: 4_000_000, uncoveredMicros: 2_000_000, releasedMicros: 0, balanceAfterMicros: 0 },
    ]);
    expect(await balanceOf(org.orgId)).toEqual({ postedMicros: 0, heldMicros: 0, availableMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("each request sees what the ones before it left: a release makes room for the next hold", async () => {
    const org = await createTestOrg(db, { starterMicros: 10_000_000 });
    const api = apiOn(db, org);
    const big = await api.usage.authorize({ idempotencyKey: "big", amountMicros: 6_000_000 });
    const small = await api.usage.authorize({ idempotencyKey: "small", amountMicros: 2_000_000 });

    const outcomes = await holdGroup(db, org.orgId, [
      hold(org, "first", 3_000_000),
      { kind: "release", principal: org.apiKey, reservationId: big.reservationId },
      hold(org, "second", 3_000_000),
      prepareSettle(org.apiKey, { reservationId: small.reservationId, ...usageOf(1_000_000) }),
      hold(org, "third", 7_000_000),
      prepareSettle(org.apiKey, { reservationId: big.reservationId, ...usageOf(1_000_000) }),
    ]);

    expect(told(outcomes)).toMatchObject([
      { error: "INSUFFICIENT_CREDITS", details: { requiredMicros: 3_000_000, availableMicros: 2_000_000 } },
      { reservationId: big.reservationId, status: "released", releasedMicros: 6_000_000 },
      { heldMicros: 3_000_000, availableAfterMicros: 5_000_000, replay: false },
      { reservationId: small.reservationId, chargedMicros: 1_000_000, releasedMicros: 1_000_000, balanceAfterMicros: 6_000_000 },
      { error: "INSUFFICIENT_CREDITS", details: { requiredMicros: 7_000_000, availableMicros: 6_000_000 } },
      { error: "RESERVATION_NOT_ACTIVE", details: { reservationId: big.reservationId, status: "released" } },
    ]);
    expect(await balanceOf(org.orgId)).toEqual({ postedMicros: 9_000_000, heldMicros: 3_000_000, availableMicros: 6_000_000 });
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ reservations: 3, usageEvents: 1, idempotencyKeys: 4 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("a new hold sweeps lapsed holds, except those the group itself settles or releases", async () => {
    const { org, budget } = await orgWithBudget(db, supportBudget("alert", 1_000 * HOLD));
    const api = apiOn(db, org);
    const before = await balanceOf(org.orgId);
    const lapsed: string[] = [];
    for (const key of ["to-settle", "to-release", "forgotten"]) {
      lapsed.push((await api.usage.authorize({ idempotencyKey: key, amountMicros: HOLD, agent: "support-bot" })).reservationId);
    }
    // All three at once, after they were made (a hold sweeps the lapsed ones before it).
    for (const reservationId of lapsed) await letHoldLapse(db, org.orgId, reservationId);

    const outcomes = await holdGroup(db, org.orgId, [
      prepareAuthorize(org.apiKey, { idempotencyKey: "new", amountMicros: HOLD, agent: "support-bot", ttlSeconds: 600 }),
      prepareSettle(org.apiKey, { reservationId: lapsed[0]!, ...usageOf(COST) }),
      { kind: "release", principal: org.apiKey, reservationId: lapsed[1]! },
    ]);

    // Settled and released with their holds, as if the group had no new hold in it; the third expired.
    expect(told(outcomes)).toMatchObject([
      // The two lapsed holds about to be resolved still count until they are.
      { heldMicros: HOLD, availableAfterMicros: before.postedMicros - 3 * HOLD },
      { chargedMicros: COST, releasedMicros: HOLD - COST, balanceAfterMicros: before.postedMicros - COST - 2 * HOLD },
      { reservationId: lapsed[1], status: "released", releasedMicros: HOLD },
    ]);
    const statuses = await db.select().from(reservations).where(eq(reservations.orgId, org.orgId));
    expect(Object.fromEntries(statuses.map((row) => [row.idempotencyKey, row.status]))).toEqual({
      "to-settle": "settled",
      "to-release": "released",
      forgotten: "expired",
      new: "active",
    });
    expect(await balanceOf(org.orgId)).toEqual({ postedMicros: before.postedMicros - COST, heldMicros: HOLD, availableMicros: before.postedMicros - COST - HOLD });
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: COST, heldMicros: HOLD });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("a lapsed hold whose settle the group refuses is left active, and a later group sweeps it", async () => {
    const org = await createTestOrg(db);
    const api = apiOn(db, org);
    const { reservationId } = await api.usage.authorize({ idempotencyKey: "lapsing", amountMicros: HOLD, agent: "support-bot" });
    await letHoldLapse(db, org.orgId, reservationId);

    const outcomes = await holdGroup(db, org.orgId, [
      prepareAuthorize(org.apiKey, { idempotencyKey: "new", amountMicros: HOLD, agent: "support-bot", ttlSeconds: 600 }),
      prepareSettle(org.apiKey, { reservationId, model: "no-such-model", inputTokens: 10 }),
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false]);
    const lapsing = async () => (await db.select().from(reservations).where(and(eq(reservations.orgId, org.orgId), eq(reservations.id, reservationId))))[0]!.status;
    expect(await lapsing()).toBe("active");
    // The wallet's next hold expiry stays at or before the hold it left active (ledger:verify checks it).
    expect(await verifyLedger(db, org.orgId)).toEqual([]);

    await api.usage.authorize({ idempotencyKey: "later", amountMicros: HOLD, agent: "support-bot" });
    expect(await lapsing()).toBe("expired");
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});
