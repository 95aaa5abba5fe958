import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reservations } from "../../db/schema";
import { verifyLedger } from "../../server/ledger/verify";
import { callerFor, expireHoldsOf, orgWithBudget, raisedThresholds, singlePeriodTotals, spendEvent, supportBudget } from "../support/budget-fixtures";
import { failureOf } from "../support/db-errors";
import { letHoldLapse } from "../support/db-time";
import { useTestDatabase } from "../support/database";
import type { TestOrg } from "../support/fixtures";

/** Budgets in the spend path beyond the single call: retries, lapsed holds, alert budgets, and what a budget's page shows. */
const db = useTestDatabase(4);

async function withSupportBudget(mode: "alert" | "pause", limitMicros: number) {
  const { org, budget, api } = await orgWithBudget(db, supportBudget(mode, limitMicros));
  return { org, budget, api: api.usage };
}

const statusOf = async (org: TestOrg, id: string) =>
  (await db.select().from(reservations).where(and(eq(reservations.orgId, org.orgId), eq(reservations.id, id))))[0]!.status;

describe("retries", () => {
  it("a replayed record, batch, hold or settle counts in the budget once", async () => {
    const { org, budget, api } = await withSupportBudget("pause", 10_000);
    const first = spendEvent("first", 1_000, { department: "support" });
    await api.record(first);
    expect((await api.record(first)).replay).toBe(true);
    const batch = await api.recordBatch({ events: [first, spendEvent("second", 2_000, { department: "support" })] });
    expect(batch.results.map((result) => result.replay)).toEqual([true, false]);
    const hold = { idempotencyKey: "hold", amountMicros: 3_000, department: "support" };
    const held = await api.authorize(hold);
    expect((await api.authorize(hold)).replay).toBe(true);
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 3_000, heldMicros: 3_000 });

    const settle = { reservationId: held.reservationId, model: "test-small", inputTokens: 2_500 };
    await api.settle(settle);
    expect((await api.settle(settle)).replay).toBe(true);
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 5_500, heldMicros: 0 });
    // A retry of what fitted is answered even once the budget is full.
    await api.record(spendEvent("fill", 4_500, { department: "support" }));
    expect((await api.record(first)).replay).toBe(true);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});

describe("lapsed holds", () => {
  it("a hold past its time stops crowding a pause budget: the next authorization expires it first", async () => {
    const { org, budget, api } = await withSupportBudget("pause", 1_000);
    const stale = await api.authorize({ idempotencyKey: "stale", amountMicros: 1_000, department: "support" });
    expect(await failureOf(api.authorize({ idempotencyKey: "blocked", amountMicros: 1, department: "support" }))).toMatchObject({
      appCode: "BUDGET_EXHAUSTED",
      details: { budgetId: budget.id, heldMicros: 1_000 },
    });
    await letHoldLapse(db, org.orgId, stale.reservationId);
    await api.authorize({ idempotencyKey: "fresh", amountMicros: 1_000, department: "support" });
    expect(await statusOf(org, stale.reservationId)).toBe("expired");
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 0, heldMicros: 1_000 });
  });

  it("settling an expired hold charges what the budget allows, and does not return the hold twice", async () => {
    const { org, budget, api } = await withSupportBudget("pause", 2_000);
    const late = await api.authorize({ idempotencyKey: "late", amountMicros: 1_500, department: "support" });
    const other = await api.authorize({ idempotencyKey: "other", amountMicros: 500, department: "support" });
    await letHoldLapse(db, org.orgId, late.reservationId);
    expect(await expireHoldsOf(db, org.orgId)).toBe(1_500);
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 0, heldMicros: 500 });

    const settled = await api.settle({ reservationId: late.reservationId, model: "test-small", inputTokens: 1_800 });
    expect(settled).toMatchObject({ costMicros: 1_800, chargedMicros: 1_500, uncoveredMicros: 300, releasedMicros: 0 });
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 1_500, heldMicros: 500 });
    await api.release({ reservationId: other.reservationId });
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 1_500, heldMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});

describe("alert budgets", () => {
  it("never block, however far past the limit", async () => {
    const { org, budget, api } = await withSupportBudget("alert", 1_000);
    await api.record(spendEvent("a", 2_500, { department: "support" }));
    await api.authorize({ idempotencyKey: "b", amountMicros: 5_000, department: "support" });
    await api.recordBatch({ events: [spendEvent("c", 1_000, { department: "support" }), spendEvent("d", 1_000, { department: "support" })] });
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 4_500, heldMicros: 5_000 });
    const [status] = (await callerFor(db, org.apiKey).budgets.status({ department: "support" })).budgets;
    expect(status).toMatchObject({ remainingMicros: 0, paused: false });
    expect(await raisedThresholds(db, org.orgId, budget.id)).toEqual([50, 75, 90, 100]);
  });
});

describe("a budget's page (budgets.get)", () => {
  it("shows the current period, its spend per day, the periods so far and the budget's alerts", async () => {
    const { org, budget, api } = await withSupportBudget("pause", 10_000);
    await api.record(spendEvent("a", 6_000, { agent: "support-bot" }));
    await api.record(spendEvent("b", 2_000, { department: "support" }));
    await api.record(spendEvent("elsewhere", 9_000, { agent: "sales-bot" }));
    await api.authorize({ idempotencyKey: "held", amountMicros: 1_000, department: "support" });

    const detail = await callerFor(db, org.finance).budgets.get({ budgetId: budget.id });
    expect(detail.status).toMatchObject({ spentMicros: 8_000, heldMicros: 1_000, remainingMicros: 1_000, paused: false });
    expect(detail.dailySpend.reduce((sum, day) => sum + day.chargedMicros, 0)).toBe(8_000);
    expect(detail.history.map((period) => [period.periodStart, period.spentMicros, period.heldMicros])).toEqual([[detail.status.periodStart, 8_000, 1_000]]);
    expect(detail.alerts.map((alert) => alert.thresholdPercent).sort((x, y) => x! - y!)).toEqual([50, 75]);
  });
});
