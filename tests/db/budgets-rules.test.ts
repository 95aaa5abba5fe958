import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { budgetPeriods, reservations, usageEvents } from "../../db/schema";
import { verifyLedger } from "../../server/ledger/verify";
import { outcomeOf } from "../support/api-errors";
import { snapshotOrganization } from "../support/api-org-snapshot";
import { createBackdatedOrg } from "../support/budget-backdated-org";
import {
  budgetTargetsOf,
  callerFor,
  expectedEmails,
  expireHoldsOf,
  orgWithBudget,
  periodTotals,
  queuedEmails,
  raisedAlerts,
  raisedThresholds,
  singlePeriodTotals,
  spendEvent,
} from "../support/budget-fixtures";
import { failureOf } from "../support/db-errors";
import { letHoldLapse } from "../support/db-time";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

const db = useTestDatabase(4);

/** An organisation with a budget on every scope that an event by Alice through the support bot falls in, and three it does not. */
async function orgWithEveryScope() {
  const org = await createTestOrg(db);
  const admin = callerFor(db, org.admin).budgets;
  const { supportBot, salesBot, helpdesk } = await budgetTargetsOf(db, org);
  const common = { period: "month" as const, limitMicros: 100_000 };
  const applying = {
    organization: await admin.create({ ...common, name: "Org", scope: "organization" }),
    department: await admin.create({ ...common, name: "Support", scope: "department", departmentId: org.departments.support }),
    project: await admin.create({ ...common, name: "Helpdesk", scope: "project", projectId: helpdesk, limitMicros: 50_000, mode: "pause" }),
    agent: await admin.create({ ...common, name: "Support bot", scope: "agent", agentId: supportBot }),
    user: await admin.create({ ...common, name: "Alice", scope: "user", userRef: "Alice@Example.test", limitMicros: 2_000, mode: "pause" }),
  };
  const elsewhere = [
    await admin.create({ ...common, name: "Sales", scope: "department", departmentId: org.departments.sales }),
    await admin.create({ ...common, name: "Sales bot", scope: "agent", agentId: salesBot }),
    await admin.create({ ...common, name: "Bob", scope: "user", userRef: "bob@example.test" }),
  ];
  return { org, applying, elsewhere };
}

const aliceViaSupportBot = { agent: "support-bot", user: "aLiCe@example.TEST" };

describe("which budgets an event counts in", () => {
  it("every budget whose scope covers it (the agent implies its department and project), and no other", async () => {
    const { org, applying, elsewhere } = await orgWithEveryScope();
    await callerFor(db, org.apiKey).usage.record(spendEvent("alice", 1_234, aliceViaSupportBot));
    for (const budget of Object.values(applying)) {
      expect(await singlePeriodTotals(db, org.orgId, budget.id), budget.name).toEqual({ spentMicros: 1_234, heldMicros: 0 });
    }
    for (const budget of elsewhere) expect(await periodTotals(db, org.orgId, budget.id), budget.name).toEqual([]);
  });

  it("all are checked: the tightest pause budget refuses, naming itself, and the refusal writes nothing", async () => {
    const { org, applying } = await orgWithEveryScope();
    const api = callerFor(db, org.apiKey).usage;
    await api.record(spendEvent("first", 1_500, aliceViaSupportBot));
    const before = await snapshotOrganization(db, org.orgId);
    const refused = await failureOf(api.record(spendEvent("second", 501, aliceViaSupportBot)));
    expect(refused).toMatchObject({
      appCode: "BUDGET_EXHAUSTED",
      details: { budgetId: applying.user.id, budgetName: "Alice", limitMicros: 2_000, spentMicros: 1_500, heldMicros: 0, requiredMicros: 501 },
    });
    const batch = [spendEvent("b1", 400, { agent: "support-bot" }), spendEvent("b2", 10, { user: "ALICE@example.test" }), spendEvent("b3", 491, aliceViaSupportBot)];
    expect(await failureOf(api.recordBatch({ events: batch }))).toMatchObject({ appCode: "BUDGET_EXHAUSTED", details: { index: 2, budgetId: applying.user.id } });
    expect(await outcomeOf(api.authorize({ idempotencyKey: "hold", amountMicros: 501, ...aliceViaSupportBot }))).toBe("BUDGET_EXHAUSTED");
    expect(await snapshotOrganization(db, org.orgId)).toEqual(before);
    // Exactly what is left fits; someone else through the same bot is limited only by the project budget.
    await api.authorize({ idempotencyKey: "hold", amountMicros: 500, ...aliceViaSupportBot });
    await api.record(spendEvent("bob", 48_000, { agent: "support-bot", user: "bob@example.test" }));
    expect(await failureOf(api.record(spendEvent("carol", 1, { agent: "support-bot", user: "carol" })))).toMatchObject({
      appCode: "BUDGET_EXHAUSTED",
      details: { budgetId: applying.project.id, spentMicros: 49_500, heldMicros: 500 },
    });
    await api.record(spendEvent("sales", 5_000, { agent: "sales-bot" }));
    expect(await singlePeriodTotals(db, org.orgId, applying.organization.id)).toEqual({ spentMicros: 54_500, heldMicros: 500 });
  });

  it("an agent's department and project cannot be contradicted to step around their budgets", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin);
    const { helpdesk } = await budgetTargetsOf(db, org);
    await admin.org.createProject({ slug: "pipeline", name: "Pipeline", departmentId: org.departments.sales });
    const budget = await admin.budgets.create({ name: "Helpdesk", scope: "project", projectId: helpdesk, period: "month", limitMicros: 1_000, mode: "pause" });
    const api = callerFor(db, org.apiKey).usage;
    await api.record(spendEvent("own-project", 1_000, { agent: "support-bot", project: "helpdesk" }));
    const before = await snapshotOrganization(db, org.orgId);
    expect(await outcomeOf(api.record(spendEvent("other-project", 1_000, { agent: "support-bot", project: "pipeline" })))).toBe("INVALID_INPUT");
    expect(await outcomeOf(api.authorize({ idempotencyKey: "other-project-hold", amountMicros: 1_000, agent: "support-bot", project: "pipeline" }))).toBe(
      "INVALID_INPUT",
    );
    expect(await outcomeOf(api.record(spendEvent("other-department", 1_000, { agent: "support-bot", department: "sales" })))).toBe("INVALID_INPUT");
    expect(await snapshotOrganization(db, org.orgId)).toEqual(before);
    expect(await failureOf(api.record(spendEvent("implied", 1, { agent: "support-bot" })))).toMatchObject({ details: { budgetId: budget.id } });
    // An agent without a project may work on any.
    await api.record(spendEvent("sales-bot-on-pipeline", 1_000, { agent: "sales-bot", project: "pipeline" }));
  });

  it("a project owned by a department implies that department when nothing more specific names one", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin);
    await admin.org.createProject({ slug: "pipeline", name: "Pipeline", departmentId: org.departments.sales });
    await admin.org.createProject({ slug: "shared", name: "Shared" });
    const sales = await admin.budgets.create({ name: "Sales", scope: "department", departmentId: org.departments.sales, period: "month", limitMicros: 1_000, mode: "pause" });
    const api = callerFor(db, org.apiKey).usage;
    await api.record(spendEvent("pipeline", 1_000, { project: "pipeline" }));
    expect(await failureOf(api.record(spendEvent("pipeline-again", 1, { project: "pipeline" })))).toMatchObject({ details: { budgetId: sales.id } });
    // A project without a department implies none; a named department wins over the project's.
    await api.record(spendEvent("shared", 1_000, { project: "shared" }));
    await api.record(spendEvent("pipeline-for-support", 1_000, { project: "pipeline", department: "support" }));
    expect(await singlePeriodTotals(db, org.orgId, sales.id)).toEqual({ spentMicros: 1_000, heldMicros: 0 });
  });

  it("user budgets match the event's user whatever its case, and only that user", async () => {
    const dana = { name: "Dana", scope: "user" as const, userRef: "Dana@Example.test", period: "week" as const, limitMicros: 1_000, mode: "pause" as const };
    const { org, budget, api: caller } = await orgWithBudget(db, () => dana);
    const api = caller.usage;
    await api.record(spendEvent("upper", 600, { user: "DANA@EXAMPLE.TEST" }));
    await api.authorize({ idempotencyKey: "lower", amountMicros: 400, user: "dana@example.test" });
    expect(await failureOf(api.record(spendEvent("mixed", 1, { user: "dAnA@example.test" })))).toMatchObject({ details: { budgetId: budget.id } });
    await api.record(spendEvent("someone-else", 5_000, { user: "dana@example.test.other" }));
    await api.record(spendEvent("nobody", 5_000));
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 600, heldMicros: 400 });
  });

  it("user budgets match beyond ASCII, whatever the database's locale", async () => {
    const emile = { name: "Émile", scope: "user" as const, userRef: "Émile.Ørsted@Example.test", period: "month" as const, limitMicros: 1_000, mode: "pause" as const };
    const { org, budget, api } = await orgWithBudget(db, () => emile);
    await api.usage.record(spendEvent("lower", 600, { user: "émile.ørsted@example.test" }));
    expect(await failureOf(api.usage.record(spendEvent("upper", 500, { user: "ÉMILE.ØRSTED@EXAMPLE.TEST" })))).toMatchObject({
      appCode: "BUDGET_EXHAUSTED",
      details: { budgetId: budget.id },
    });
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 600, heldMicros: 0 });
    expect((await api.budgets.status({ user: "ÉMILE.ørsted@example.test" })).budgets).toEqual([
      expect.objectContaining({ budgetId: budget.id, spentMicros: 600, remainingMicros: 400 }),
    ]);
  });
});

describe("budgets.status for a sibling app", () => {
  it("lists every budget that applies, with spent, held, limit, remaining, paused and period end", async () => {
    const { org, applying } = await orgWithEveryScope();
    await callerFor(db, org.apiKey).usage.record(spendEvent("spent", 1_500, aliceViaSupportBot));
    await callerFor(db, org.apiKey).usage.authorize({ idempotencyKey: "held", amountMicros: 500, ...aliceViaSupportBot });
    const reader = await org.keyWith(["usage:read"]);

    const status = await callerFor(db, reader).budgets.status(aliceViaSupportBot);
    const byId = new Map(status.budgets.map((budget) => [budget.budgetId, budget]));
    expect([...byId.keys()].sort()).toEqual(Object.values(applying).map((budget) => budget.id).sort());
    for (const budget of Object.values(applying)) {
      const remaining = budget.limitMicros - 2_000;
      expect(byId.get(budget.id), budget.name).toMatchObject({
        scope: budget.scope,
        mode: budget.mode,
        limitMicros: budget.limitMicros,
        spentMicros: 1_500,
        heldMicros: 500,
        remainingMicros: remaining,
        paused: budget.mode === "pause" && remaining === 0,
        resumed: false,
      });
      // Calendar months in the organisation's zone (UTC here).
      const { periodStart, periodEnd } = byId.get(budget.id)!;
      expect(periodStart!.toISOString()).toMatch(/^\d{4}-\d{2}-01T00:00:00\.000Z$/);
      expect(periodEnd!.getTime()).toBe(Date.UTC(periodStart!.getUTCFullYear(), periodStart!.getUTCMonth() + 1, 1));
    }
    expect(status.paused).toBe(true);
    // A key limited to sales sees what applies to sales: the organisation's budget and the sales budget.
    const salesReader = await org.keyWith(["usage:read"], org.departments.sales);
    const forSales = await callerFor(db, salesReader).budgets.status({});
    expect(forSales.budgets.map((budget) => budget.name).sort()).toEqual(["Org", "Sales"]);
    expect(forSales.paused).toBe(false);
  });
});

describe("settling against pause budgets", () => {
  it("charges at most what every pause budget still allows, records the rest as uncovered; alert budgets never cap", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const api = callerFor(db, org.apiKey).usage;
    const pause = await admin.create({ name: "Support", scope: "department", departmentId: org.departments.support, period: "month", limitMicros: 10_000, mode: "pause" });
    const alert = await admin.create({ name: "Org", scope: "organization", period: "month", limitMicros: 1_000 });
    const first = await api.authorize({ idempotencyKey: "first", amountMicros: 4_000, department: "support" });
    const second = await api.authorize({ idempotencyKey: "second", amountMicros: 5_000, department: "support" });

    // After the first hold goes back, 10,000 − 5,000 (still held by the second) is left.
    const settled = await api.settle({ reservationId: first.reservationId, model: "test-small", inputTokens: 8_000 });
    expect(settled).toMatchObject({ costMicros: 8_000, chargedMicros: 5_000, uncoveredMicros: 3_000, releasedMicros: 0 });
    expect(await singlePeriodTotals(db, org.orgId, pause.id)).toEqual({ spentMicros: 5_000, heldMicros: 5_000 });
    const [event] = await db.select().from(usageEvents).where(and(eq(usageEvents.orgId, org.orgId), eq(usageEvents.id, settled.eventId)));
    expect([event!.costMicros, event!.chargedMicros]).toEqual([8_000, 5_000]);

    const again = await api.settle({ reservationId: second.reservationId, model: "test-small", inputTokens: 1_000 });
    expect(again).toMatchObject({ chargedMicros: 1_000, uncoveredMicros: 0, releasedMicros: 4_000 });
    expect(await singlePeriodTotals(db, org.orgId, pause.id)).toEqual({ spentMicros: 6_000, heldMicros: 0 });
    expect(await singlePeriodTotals(db, org.orgId, alert.id)).toEqual({ spentMicros: 6_000, heldMicros: 0 });
    expect(await raisedThresholds(db, org.orgId, alert.id)).toEqual([50, 75, 90, 100]);

    // A full pause budget: the settlement is recorded, nothing is charged, and it still does not fail.
    const third = await api.authorize({ idempotencyKey: "third", amountMicros: 1_000, department: "support" });
    await admin.update({ budgetId: pause.id, limitMicros: 6_000 });
    const unpaid = await api.settle({ reservationId: third.reservationId, model: "test-small", inputTokens: 700 });
    expect(unpaid).toMatchObject({ costMicros: 700, chargedMicros: 0, uncoveredMicros: 700, releasedMicros: 1_000 });
    expect(await singlePeriodTotals(db, org.orgId, pause.id)).toEqual({ spentMicros: 6_000, heldMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("returns holds to exactly the budgets they were booked in, whatever was created or archived since", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const api = callerFor(db, org.apiKey).usage;
    const { supportBot } = await budgetTargetsOf(db, org);
    const agent = await admin.create({ name: "Bot", scope: "agent", agentId: supportBot, period: "month", limitMicros: 10_000, mode: "pause" });
    const bookedIn = async (reservationId: string) => {
      const [row] = await db.select().from(reservations).where(and(eq(reservations.orgId, org.orgId), eq(reservations.id, reservationId)));
      return Object.fromEntries(row!.budgetHolds.map((hold) => [hold.budgetId, hold.amountMicros]));
    };
    const totals = async () => [await singlePeriodTotals(db, org.orgId, agent.id), await singlePeriodTotals(db, org.orgId, department.id)];

    const h1 = await api.authorize({ idempotencyKey: "h1", amountMicros: 3_000, agent: "support-bot" });
    expect(await bookedIn(h1.reservationId)).toEqual({ [agent.id]: 3_000 });
    const department = await admin.create({ name: "Support", scope: "department", departmentId: org.departments.support, period: "month", limitMicros: 5_000, mode: "pause" });
    await api.release({ reservationId: h1.reservationId });
    expect(await totals()).toEqual([{ spentMicros: 0, heldMicros: 0 }, { spentMicros: 0, heldMicros: 0 }]);
    expect(await periodTotals(db, org.orgId, department.id)).toEqual([]);

    const h2 = await api.authorize({ idempotencyKey: "h2", amountMicros: 1_500, agent: "support-bot" });
    expect(await bookedIn(h2.reservationId)).toEqual({ [agent.id]: 1_500, [department.id]: 1_500 });
    await admin.update({ budgetId: agent.id, archived: true });
    // The archived budget gets its hold back but no longer counts the spend.
    await api.settle({ reservationId: h2.reservationId, model: "test-small", inputTokens: 2_500 });
    expect(await totals()).toEqual([{ spentMicros: 0, heldMicros: 0 }, { spentMicros: 2_500, heldMicros: 0 }]);

    const h3 = await api.authorize({ idempotencyKey: "h3", amountMicros: 1_000, agent: "support-bot" });
    expect(await bookedIn(h3.reservationId)).toEqual({ [department.id]: 1_000 });
    await admin.update({ budgetId: agent.id, archived: false });
    const h4 = await api.authorize({ idempotencyKey: "h4", amountMicros: 700, agent: "support-bot" });
    expect(await totals()).toEqual([{ spentMicros: 0, heldMicros: 700 }, { spentMicros: 2_500, heldMicros: 1_700 }]);

    // h3 expires: only the department budget held it.
    await letHoldLapse(db, org.orgId, h3.reservationId);
    expect(await expireHoldsOf(db, org.orgId)).toBe(1_000);
    expect(await totals()).toEqual([{ spentMicros: 0, heldMicros: 700 }, { spentMicros: 2_500, heldMicros: 700 }]);
    await api.release({ reservationId: h4.reservationId });
    expect(await totals()).toEqual([{ spentMicros: 0, heldMicros: 0 }, { spentMicros: 2_500, heldMicros: 0 }]);

    // A pause budget created after a hold caps its settlement.
    const h5 = await api.authorize({ idempotencyKey: "h5", amountMicros: 1_000, agent: "support-bot" });
    const bot = await admin.create({ name: "Bot, tighter", scope: "agent", agentId: supportBot, period: "month", limitMicros: 300, mode: "pause" });
    const settled = await api.settle({ reservationId: h5.reservationId, model: "test-small", inputTokens: 900 });
    expect(settled).toMatchObject({ chargedMicros: 300, uncoveredMicros: 600, releasedMicros: 700 });
    expect(await singlePeriodTotals(db, org.orgId, bot.id)).toEqual({ spentMicros: 300, heldMicros: 0 });
    expect(await totals()).toEqual([{ spentMicros: 300, heldMicros: 0 }, { spentMicros: 2_800, heldMicros: 0 }]);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});

describe("resume", () => {
  it("lets a paused scope spend past the limit for the rest of the current period only", async () => {
    const org = await createBackdatedOrg(db, { timeZone: "UTC", pricesFrom: new Date("2025-01-01T00:00:00.000Z") });
    const admin = callerFor(db, org.admin).budgets;
    const api = callerFor(db, org.apiKey);
    const budget = await admin.create({ name: "Daily", scope: "organization", period: "day", limitMicros: 1_000, mode: "pause" });
    const todayStart = (await api.budgets.status({})).budgets[0]!.periodStart!;
    const yesterday = { timestamp: new Date(todayStart.getTime() - 60_000).toISOString() };

    await api.usage.record(spendEvent("yesterday", 1_000, yesterday));
    await api.usage.record(spendEvent("today", 1_000));
    expect(await outcomeOf(api.usage.record(spendEvent("over", 1)))).toBe("BUDGET_EXHAUSTED");
    expect((await api.budgets.status({})).paused).toBe(true);

    await admin.resume({ budgetId: budget.id });
    await api.usage.record(spendEvent("after-resume", 500));
    await api.usage.authorize({ idempotencyKey: "hold-after-resume", amountMicros: 300 });
    expect((await api.budgets.status({})).budgets[0]).toMatchObject({ spentMicros: 1_500, heldMicros: 300, remainingMicros: 0, paused: false, resumed: true });
    // Yesterday's period was not resumed.
    expect(await outcomeOf(api.usage.record(spendEvent("yesterday-again", 1, yesterday)))).toBe("BUDGET_EXHAUSTED");
    const periods = await periodTotals(db, org.orgId, budget.id);
    expect(periods.map((p) => [p.end === todayStart.toISOString(), p.spentMicros, p.heldMicros, p.resumed])).toEqual([
      [true, 1_000, 0, false],
      [false, 1_500, 300, true],
    ]);
    // A new period re-arms every threshold: each was raised once per period, none again after resuming.
    const alerts = await raisedAlerts(db, org.orgId, budget.id);
    expect(alerts.map((a) => [a.periodStart === todayStart.toISOString(), a.thresholdPercent])).toEqual([
      [false, 50],
      [false, 75],
      [false, 90],
      [false, 100],
      [true, 50],
      [true, 75],
      [true, 90],
      [true, 100],
    ]);
    const alertOnly = await admin.create({ name: "Alert", scope: "organization", period: "day", limitMicros: 1 });
    expect(await outcomeOf(admin.resume({ budgetId: alertOnly.id }))).toBe("INVALID_INPUT");
    const past = { windowStart: "2026-01-01T00:00:00Z", windowEnd: "2026-01-02T00:00:00Z" };
    const ended = await admin.create({ name: "Ended", scope: "organization", period: "custom", ...past, limitMicros: 1, mode: "pause" });
    expect(await outcomeOf(admin.resume({ budgetId: ended.id }))).toBe("CONFLICT");
  });
  it("does not carry into the next period", async () => {
    const org = await createBackdatedOrg(db, { timeZone: "Europe/London", pricesFrom: new Date("2025-01-01T00:00:00.000Z") });
    const api = callerFor(db, org.apiKey);
    const budget = await callerFor(db, org.admin).budgets.create({ name: "Daily", scope: "organization", period: "day", limitMicros: 1_000, mode: "pause" });
    const todayStart = (await api.budgets.status({})).budgets[0]!.periodStart!;
    const yesterday = { timestamp: new Date(todayStart.getTime() - 60_000).toISOString() };
    await api.usage.record(spendEvent("yesterday", 1_000, yesterday));
    // As if someone had resumed the budget yesterday, before the day ended (resume acts on the current period).
    await db
      .update(budgetPeriods)
      .set({ resumedAt: new Date(todayStart.getTime() - 120_000) })
      .where(and(eq(budgetPeriods.orgId, org.orgId), eq(budgetPeriods.budgetId, budget.id), eq(budgetPeriods.periodEnd, todayStart)));
    await api.usage.record(spendEvent("yesterday-resumed", 500, yesterday));

    await api.usage.record(spendEvent("today", 1_000));
    expect(await failureOf(api.usage.record(spendEvent("today-over", 1)))).toMatchObject({ appCode: "BUDGET_EXHAUSTED", details: { budgetId: budget.id } });
    expect((await periodTotals(db, org.orgId, budget.id)).map((p) => [p.spentMicros, p.resumed])).toEqual([
      [1_500, true],
      [1_000, false],
    ]);
  });
});

describe("changing a budget", () => {
  it("raising the limit keeps raised alerts; lowering it below what is spent raises them at once", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const api = callerFor(db, org.apiKey).usage;
    const budget = await admin.create({ name: "Org", scope: "organization", period: "month", limitMicros: 10_000 });
    const alertsOf = async () => (await raisedAlerts(db, org.orgId, budget.id)).map((a) => [a.thresholdPercent, a.spentMicros, a.limitMicros]);

    await api.record(spendEvent("a", 6_000));
    expect(await alertsOf()).toEqual([[50, 6_000, 10_000]]);
    await admin.update({ budgetId: budget.id, limitMicros: 20_000 });
    expect(await alertsOf()).toEqual([[50, 6_000, 10_000]]);
    // 50 % of the new limit: already raised in this period.
    await api.record(spendEvent("b", 4_000));
    await api.record(spendEvent("c", 5_000));
    expect(await alertsOf()).toEqual([
      [50, 6_000, 10_000],
      [75, 15_000, 20_000],
    ]);
    await admin.update({ budgetId: budget.id, limitMicros: 12_000 });
    expect(await alertsOf()).toEqual([
      [50, 6_000, 10_000],
      [75, 15_000, 20_000],
      [90, 15_000, 12_000],
      [100, 15_000, 12_000],
    ]);
    expect(await queuedEmails(db, org.orgId)).toEqual(expectedEmails(await raisedAlerts(db, org.orgId, budget.id), [org.admin.email]));
  });

  it("lowering or adding a threshold below what is spent raises it at once", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const budget = await admin.create({ name: "Support", scope: "department", departmentId: org.departments.support, period: "quarter", limitMicros: 10_000, thresholds: [80] });
    await callerFor(db, org.apiKey).usage.record(spendEvent("a", 6_000, { department: "support" }));
    expect(await raisedThresholds(db, org.orgId, budget.id)).toEqual([]);
    await admin.update({ budgetId: budget.id, thresholds: [80, 50] });
    expect(await raisedThresholds(db, org.orgId, budget.id)).toEqual([50]);
    const updated = await admin.update({ budgetId: budget.id, thresholds: [60, 40, 60] });
    expect(updated.thresholds).toEqual([40, 60]);
    // 60 % of 10,000 is exactly what is spent: reached.
    expect(await raisedThresholds(db, org.orgId, budget.id)).toEqual([40, 50, 60]);
  });

  it("lowering a pause budget's limit below what is spent pauses it at once", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const api = callerFor(db, org.apiKey);
    const budget = await admin.create({ name: "Org", scope: "organization", period: "year", limitMicros: 10_000, mode: "pause" });
    await api.usage.record(spendEvent("a", 6_000));
    await admin.update({ budgetId: budget.id, limitMicros: 5_000 });
    expect((await api.budgets.status({})).budgets[0]).toMatchObject({ spentMicros: 6_000, remainingMicros: 0, paused: true });
    expect(await failureOf(api.usage.record(spendEvent("b", 1)))).toMatchObject({ appCode: "BUDGET_EXHAUSTED", details: { budgetId: budget.id } });
    expect(await raisedThresholds(db, org.orgId, budget.id)).toEqual([50, 75, 90, 100]);
  });

  it("an archived budget no longer applies, blocks, counts or alerts; unarchived, it applies again", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const api = callerFor(db, org.apiKey);
    const { supportBot } = await budgetTargetsOf(db, org);
    const pause = await admin.create({ name: "Pause", scope: "agent", agentId: supportBot, period: "month", limitMicros: 1_000, mode: "pause" });
    const alert = await admin.create({ name: "Alert", scope: "agent", agentId: supportBot, period: "month", limitMicros: 10_000 });
    await api.usage.record(spendEvent("a", 1_000, { agent: "support-bot" }));
    for (const budget of [pause, alert]) await admin.update({ budgetId: budget.id, archived: true });

    await api.usage.record(spendEvent("b", 9_000, { agent: "support-bot" }));
    expect(await singlePeriodTotals(db, org.orgId, pause.id)).toEqual({ spentMicros: 1_000, heldMicros: 0 });
    expect(await singlePeriodTotals(db, org.orgId, alert.id)).toEqual({ spentMicros: 1_000, heldMicros: 0 });
    expect(await raisedThresholds(db, org.orgId, alert.id)).toEqual([]);
    expect((await api.budgets.status({ agent: "support-bot" })).budgets).toEqual([]);
    expect((await admin.list()).map((row) => row.budget.id)).toEqual([]);
    expect((await admin.list({ includeArchived: true })).map((row) => row.budget.id).sort()).toEqual([pause.id, alert.id].sort());

    await admin.update({ budgetId: pause.id, archived: false });
    expect(await failureOf(api.usage.record(spendEvent("c", 1, { agent: "support-bot" })))).toMatchObject({ details: { budgetId: pause.id } });
  });
});

describe("invalid budgets", () => {
  const base = { name: "Bad", period: "month" as const, limitMicros: 1_000 };
  const INVALID: Record<string, (org: TestOrg) => Record<string, unknown>> = {
    "a department budget without its department": () => ({ ...base, scope: "department" }),
    "an agent budget without its agent": () => ({ ...base, scope: "agent" }),
    "a user budget without its user": () => ({ ...base, scope: "user", userRef: "  " }),
    "an organisation budget naming a department": (org) => ({ ...base, scope: "organization", departmentId: org.departments.support }),
    "a custom period without dates": () => ({ ...base, scope: "organization", period: "custom" }),
    "a custom period without an end": () => ({ ...base, scope: "organization", period: "custom", windowStart: "2026-01-01T00:00:00Z" }),
    "a custom window ending before it starts": () => ({
      ...base,
      scope: "organization",
      period: "custom",
      windowStart: "2026-02-01T00:00:00Z",
      windowEnd: "2026-01-01T00:00:00Z",
    }),
    "a calendar period with a window": () => ({ ...base, scope: "organization", windowStart: "2026-01-01T00:00:00Z", windowEnd: "2026-02-01T00:00:00Z" }),
    "a threshold of 0 %": () => ({ ...base, scope: "organization", thresholds: [0, 50] }),
    "a threshold above 100 %": () => ({ ...base, scope: "organization", thresholds: [50, 101] }),
    "a fractional threshold": () => ({ ...base, scope: "organization", thresholds: [50.5] }),
    "no thresholds": () => ({ ...base, scope: "organization", thresholds: [] }),
    "eleven thresholds": () => ({ ...base, scope: "organization", thresholds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }),
    "a zero limit": () => ({ ...base, scope: "organization", limitMicros: 0 }),
    "a fractional limit": () => ({ ...base, scope: "organization", limitMicros: 1.5 }),
    "an unknown mode": () => ({ ...base, scope: "organization", mode: "block" }),
  };

  it("are INVALID_INPUT and write nothing", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const existing = await admin.create({ name: "Good", scope: "organization", period: "month", limitMicros: 1_000 });
    const before = await snapshotOrganization(db, org.orgId);
    const outcomes = Object.fromEntries(
      await Promise.all(Object.entries(INVALID).map(async ([name, input]) => [name, await outcomeOf(admin.create(input(org) as never))] as const)),
    );
    const updates = {
      "a threshold above 100 % on update": { budgetId: existing.id, thresholds: [150] },
      "a negative limit on update": { budgetId: existing.id, limitMicros: -1 },
      "an update that changes nothing": { budgetId: existing.id },
    };
    for (const [name, input] of Object.entries(updates)) outcomes[name] = await outcomeOf(admin.update(input));
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((name) => [name, "INVALID_INPUT"])));
    expect(await snapshotOrganization(db, org.orgId)).toEqual(before);
  });
});
