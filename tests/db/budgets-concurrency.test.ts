import { and, countDistinct, eq, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { reservations, usageEvents } from "../../db/schema";
import type { Principal } from "../../server/auth/principal";
import { getCreditBalance } from "../../server/ledger/balance";
import { verifyLedger } from "../../server/ledger/verify";
import {
  budgetTargetsOf,
  callerFor,
  expireHoldsOf,
  expectedEmails,
  orgWithBudget,
  queuedEmails,
  raisedAlerts,
  singlePeriodTotals,
  spendEvent,
  supportBudget,
  type SpendAttribution,
} from "../support/budget-fixtures";
import { useConnections } from "../support/db-connections";
import { countOrgRows } from "../support/db-counts";
import { reportedError, type ReportedError } from "../support/db-errors";
import { letHoldLapse } from "../support/db-time";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

/**
 * Invariants 4 and 5 under concurrency: each call on its own PostgreSQL session, all at once. A
 * pause budget admits exactly what fits (committed + held never passes its limit), refusals write
 * nothing, holds go back to exactly the budgets they were booked in, and each threshold of an
 * alert budget is raised once, with one e-mail per recipient.
 */
const db = useTestDatabase(4);
const PARALLEL = 32;
const connections = useConnections(PARALLEL);

/** Every call costs or holds this much. */
const UNIT = 1_000;

type Spend = "record" | "authorize";

/** One call of `kind` for UNIT µcr, through the router, on `connection`. */
function spend(connection: Database, principal: Principal, kind: Spend, key: string, attribution: SpendAttribution): Promise<unknown> {
  const api = callerFor(connection, principal).usage;
  return kind === "record"
    ? api.record(spendEvent(key, UNIT, attribution))
    : api.authorize({ idempotencyKey: key, amountMicros: UNIT, ttlSeconds: 3_600, ...attribution });
}

interface Outcome<T> {
  index: number;
  value?: T;
  refusal?: ReportedError;
}

/** Starts `count` calls at once, spread over the connections, and sorts what came back. */
async function race<T>(count: number, call: (connection: Database, index: number) => Promise<T>) {
  const settled = await Promise.allSettled(Array.from({ length: count }, (_, index) => call(connections[index % PARALLEL]!, index)));
  const outcomes: Outcome<T>[] = settled.map((result, index) =>
    result.status === "fulfilled" ? { index, value: result.value } : { index, refusal: reportedError(result.reason) },
  );
  return { admitted: outcomes.filter((o) => !o.refusal), refused: outcomes.filter((o) => o.refusal) };
}

/** The keys with a stored answer: the holds and the events (each its own key's answer). */
const keysOf = async (orgId: string) =>
  [
    ...(await db.select({ key: reservations.idempotencyKey }).from(reservations).where(eq(reservations.orgId, orgId))),
    ...(await db.select({ key: usageEvents.idempotencyKey }).from(usageEvents).where(eq(usageEvents.orgId, orgId))),
  ]
    .map((row) => row.key)
    .sort();

describe("a pause budget with 32 agents spending at once", () => {
  for (const kind of ["authorize", "record"] as const) {
    it(`${kind}: admits exactly what fits, and the refused calls write nothing`, async () => {
      const { org, budget } = await orgWithBudget(db, supportBudget("pause", 20_000));
      // 16,500 left: 16 calls fit, the 17th would pass the limit by 500.
      await callerFor(db, org.apiKey).usage.record(spendEvent("earlier", 3_500, { agent: "support-bot" }));
      const before = await countOrgRows(db, org.orgId);

      const { admitted, refused } = await race(PARALLEL, (connection, index) =>
        spend(connection, org.apiKey, kind, `${kind}-${index}`, { department: "support" }),
      );

      expect(admitted).toHaveLength(16);
      expect(refused.map((o) => [o.refusal!.appCode, o.refusal!.details?.budgetId])).toEqual(Array(16).fill(["BUDGET_EXHAUSTED", budget.id]));
      const committed = kind === "record" ? 3_500 + 16 * UNIT : 3_500;
      const held = kind === "authorize" ? 16 * UNIT : 0;
      expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: committed, heldMicros: held });
      const [status] = (await callerFor(db, org.apiKey).budgets.status({ department: "support" })).budgets;
      expect(status).toMatchObject({ budgetId: budget.id, spentMicros: committed, heldMicros: held, limitMicros: 20_000, remainingMicros: 500, paused: false });

      // Only the admitted calls left rows: events or holds, and their idempotency keys; the events'
      // postings (one per write that shared the wallet lock), each a debit of the grant and a credit of consumption.
      const [{ postings }] = (await db
        .select({ postings: countDistinct(usageEvents.ledgerTransactionId) })
        .from(usageEvents)
        .where(and(eq(usageEvents.orgId, org.orgId), ne(usageEvents.idempotencyKey, "earlier")))) as [{ postings: number }];
      if (kind === "record") expect(postings).toBeGreaterThanOrEqual(1);
      else expect(postings).toBe(0);
      expect(await countOrgRows(db, org.orgId)).toEqual({
        ...before,
        usageEvents: before.usageEvents + (kind === "record" ? 16 : 0),
        ledgerTransactions: before.ledgerTransactions + postings,
        ledgerEntries: before.ledgerEntries + 2 * postings,
        reservations: before.reservations + (kind === "authorize" ? 16 : 0),
        idempotencyKeys: before.idempotencyKeys + 16,
      });
      expect(await keysOf(org.orgId)).toEqual(["earlier", ...admitted.map((o) => `${kind}-${o.index}`)].sort());
      expect((await getCreditBalance(db, org.orgId)).heldMicros).toBe(held);
      expect(await verifyLedger(db, org.orgId)).toEqual([]);
    });
  }
});

describe("records and holds racing on three budgets that apply at once", () => {
  it("admit exactly what every budget allows, then settle, release and expire back to zero held", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const { supportBot } = await budgetTargetsOf(db, org);
    const limits = { organization: 20_000, department: 14_000, agent: 8_000 };
    const orgBudget = await admin.create({ name: "Org", scope: "organization", period: "month", limitMicros: limits.organization, mode: "pause" });
    const deptBudget = await admin.create({
      name: "Support",
      scope: "department",
      departmentId: org.departments.support,
      period: "month",
      limitMicros: limits.department,
      mode: "pause",
    });
    const agentBudget = await admin.create({ name: "Bot", scope: "agent", agentId: supportBot, period: "month", limitMicros: limits.agent, mode: "pause" });

    // Calls by the support bot count in all three budgets, by the support department in two, by the sales bot in one.
    const callers: { attribution: SpendAttribution; budgetIds: string[] }[] = [
      { attribution: { agent: "support-bot" }, budgetIds: [orgBudget.id, deptBudget.id, agentBudget.id] },
      { attribution: { department: "support" }, budgetIds: [orgBudget.id, deptBudget.id] },
      { attribution: { agent: "sales-bot" }, budgetIds: [orgBudget.id] },
    ];
    const callerOf = (index: number) => callers[index % callers.length]!;
    const kindOf = (index: number): Spend => (index % 2 === 0 ? "authorize" : "record");

    const { admitted, refused } = await race(PARALLEL, (connection, index) =>
      spend(connection, org.apiKey, kindOf(index), `mixed-${index}`, callerOf(index).attribution),
    );

    // Whatever the order, the organisation's budget fills up: 10 sales calls plus at least 10 support ones fit.
    expect(admitted).toHaveLength(20);
    const expected = (budgetId: string, kind: Spend) =>
      admitted.filter((o) => kindOf(o.index) === kind && callerOf(o.index).budgetIds.includes(budgetId)).length * UNIT;
    const totals = Object.fromEntries(
      await Promise.all([orgBudget, deptBudget, agentBudget].map(async (b) => [b.id, await singlePeriodTotals(db, org.orgId, b.id)] as const)),
    );
    for (const budget of [orgBudget, deptBudget, agentBudget]) {
      expect(totals[budget.id]).toEqual({ spentMicros: expected(budget.id, "record"), heldMicros: expected(budget.id, "authorize") });
      expect(totals[budget.id]!.spentMicros + totals[budget.id]!.heldMicros).toBeLessThanOrEqual(budget.limitMicros);
    }
    expect(totals[orgBudget.id]!.spentMicros + totals[orgBudget.id]!.heldMicros).toBe(limits.organization);
    // Each refusal names a budget that applies to the call and is full: nothing that fitted was refused.
    for (const { index, refusal } of refused) {
      const budgetId = refusal!.details!.budgetId as string;
      expect(refusal!.appCode).toBe("BUDGET_EXHAUSTED");
      expect(callerOf(index).budgetIds).toContain(budgetId);
      const limit = [orgBudget, deptBudget, agentBudget].find((b) => b.id === budgetId)!.limitMicros;
      expect(totals[budgetId]!.spentMicros + totals[budgetId]!.heldMicros).toBe(limit);
    }
    expect(await keysOf(org.orgId)).toEqual(admitted.map((o) => `mixed-${o.index}`).sort());

    // Resolve every hold at once: a third settled (for 600 of its 1,000), a third released, a third expired.
    const holds = await db
      .select({ id: reservations.id, idempotencyKey: reservations.idempotencyKey })
      .from(reservations)
      .where(eq(reservations.orgId, org.orgId));
    expect(holds).toHaveLength(admitted.filter((o) => kindOf(o.index) === "authorize").length);
    const indexOfHold = (key: string) => Number(key.slice("mixed-".length));
    const settled = holds.filter((_, i) => i % 3 === 0);
    const released = holds.filter((_, i) => i % 3 === 1);
    const lapsed = holds.filter((_, i) => i % 3 === 2);
    for (const hold of lapsed) await letHoldLapse(db, org.orgId, hold.id);
    const resolutions: ((connection: Database) => Promise<unknown>)[] = [
      ...settled.map((hold) => (connection: Database) =>
        callerFor(connection, org.apiKey).usage.settle({ reservationId: hold.id, model: "test-small", inputTokens: 600 }),
      ),
      ...released.map((hold) => (connection: Database) => callerFor(connection, org.apiKey).usage.release({ reservationId: hold.id })),
      // Two expiry runs racing each other and the rest: each hold is given back once.
      ...[1, 2].map(() => (connection: Database) => expireHoldsOf(connection, org.orgId)),
    ];
    const outcome = await race(resolutions.length, (connection, index) => resolutions[index]!(connection));
    expect(outcome.refused).toEqual([]);
    const settleAnswers = outcome.admitted.slice(0, settled.length).map((o) => o.value as { chargedMicros: number; uncoveredMicros: number });
    expect(settleAnswers.every((answer) => answer.chargedMicros === 600 && answer.uncoveredMicros === 0)).toBe(true);
    const expiredTotal = outcome.admitted.slice(-2).reduce((sum, o) => sum + (o.value as number), 0);
    expect(expiredTotal).toBe(lapsed.length * UNIT);

    for (const budget of [orgBudget, deptBudget, agentBudget]) {
      const settledHere = settled.filter((hold) => callerOf(indexOfHold(hold.idempotencyKey)).budgetIds.includes(budget.id)).length;
      expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: expected(budget.id, "record") + settledHere * 600, heldMicros: 0 });
    }
    const statuses = await db
      .select({ status: reservations.status })
      .from(reservations)
      .where(and(eq(reservations.orgId, org.orgId)));
    expect(statuses.map((row) => row.status).sort()).toEqual(
      [...settled.map(() => "settled"), ...released.map(() => "released"), ...lapsed.map(() => "expired")].sort(),
    );
    expect((await getCreditBalance(db, org.orgId)).heldMicros).toBe(0);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});

describe("100 debits crossing an alert budget's thresholds at once", () => {
  it("raise each threshold exactly once, with one queued e-mail per alert and recipient", async () => {
    const org = await createTestOrg(db);
    const admin = callerFor(db, org.admin).budgets;
    const orgBudget = await admin.create({
      name: "Org daily",
      scope: "organization",
      period: "day",
      limitMicros: 10_000,
      notifyRoles: ["admin", "finance"],
      notifyEmails: ["Budget-Watch@example.test"],
    });
    const deptBudget = await admin.create({
      name: "Support daily",
      scope: "department",
      departmentId: org.departments.support,
      period: "day",
      limitMicros: 5_000,
      notifyRoles: ["department_head"],
    });

    const { admitted, refused } = await race(100, (connection, index) =>
      callerFor(connection, org.apiKey).usage.record(spendEvent(`debit-${index}`, 100, { department: "support" })),
    );
    expect([admitted.length, refused.length]).toEqual([100, 0]);

    const orgAlerts = await raisedAlerts(db, org.orgId, orgBudget.id);
    expect(orgAlerts.map((a) => [a.thresholdPercent, a.spentMicros, a.limitMicros])).toEqual([
      [50, 5_000, 10_000],
      [75, 7_500, 10_000],
      [90, 9_000, 10_000],
      [100, 10_000, 10_000],
    ]);
    // Spend moves in steps of 100: 75 % of 5,000 (3,750) is first reached at 3,800; the alert budget then goes on to 200 %.
    const deptAlerts = await raisedAlerts(db, org.orgId, deptBudget.id);
    expect(deptAlerts.map((a) => [a.thresholdPercent, a.spentMicros])).toEqual([
      [50, 2_500],
      [75, 3_800],
      [90, 4_500],
      [100, 5_000],
    ]);
    expect(await singlePeriodTotals(db, org.orgId, deptBudget.id)).toEqual({ spentMicros: 10_000, heldMicros: 0 });

    const orgRecipients = [org.admin.email, org.finance.email, "Budget-Watch@example.test"];
    const expected = [...expectedEmails(orgAlerts, orgRecipients), ...expectedEmails(deptAlerts, [org.supportHead.email])];
    expect(await queuedEmails(db, org.orgId)).toEqual(expected.sort((a, b) => `${a.alertId}${a.recipient}`.localeCompare(`${b.alertId}${b.recipient}`)));
  });
});
