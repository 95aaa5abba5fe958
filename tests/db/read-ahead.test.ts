import { describe, expect, it } from "vitest";
import { withTransaction } from "../../db/transaction";
import { openBudgetBook, type PeriodTotalsRead } from "../../server/budgets/budget-book";
import { periodKeyOf } from "../../server/budgets/period-totals";
import { lastSeenOrgConfig } from "../../server/org-config/org-config";
import { resolveWith } from "../../server/usage/attribution";
import { lockForSpending } from "../../server/usage/lock-for-spending";
import { verifyLedger } from "../../server/ledger/verify";
import { reportedError } from "../support/db-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";
import { callerFor, orgWithBudget, periodTotals, singlePeriodTotals, spendEvent, supportBudget } from "../support/budget-fixtures";

/**
 * A group of records reads its budget totals in the round trip of its wallet lock, planned from the
 * configuration the process last saw (server/usage/read-ahead.ts). When the plan is wrong the
 * budget book reads what it missed: a budget made since, an event in another period.
 */
const db = useTestDatabase();

describe("records read their budget totals ahead of the lock", () => {
  it("a budget created after the process last saw the configuration is counted and enforced on the next call", async () => {
    const { org, budget, api } = await orgWithBudget(db, supportBudget("alert", 1_000_000));
    await api.usage.record(spendEvent("warm", 100, { department: "support" }));
    const seen = lastSeenOrgConfig(org.orgId)!;
    expect(seen.budgets.map((b) => b.id)).toEqual([budget.id]);

    const tight = await callerFor(db, org.admin).budgets.create({ ...supportBudget("pause", 250)(org), name: "Tight" });
    // The plan is made from the configuration without "Tight": the book must still read and enforce it.
    expect(lastSeenOrgConfig(org.orgId)?.budgets.map((b) => b.id)).not.toContain(tight.id);
    await api.usage.record(spendEvent("counted", 200, { department: "support" }));
    const refused = await api.usage.record(spendEvent("refused", 100, { department: "support" })).catch(reportedError);

    expect(refused).toMatchObject({ appCode: "BUDGET_EXHAUSTED", details: { budgetId: tight.id } });
    expect(await singlePeriodTotals(db, org.orgId, tight.id)).toEqual({ spentMicros: 200, heldMicros: 0 });
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 300, heldMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("a batch with an event stamped in another period counts each in its own period's totals", async () => {
    const org = await createTestOrg(db, { pricesFrom: new Date(Date.now() - 7 * 86_400_000) });
    const budget = await callerFor(db, org.admin).budgets.create({ ...supportBudget("alert", 1_000_000)(org), period: "day" });
    const api = callerFor(db, org.apiKey);
    await api.usage.record(spendEvent("warm", 100, { department: "support" }));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await api.usage.recordBatch({
      events: [spendEvent("now", 30, { department: "support" }), spendEvent("before", 40, { department: "support", timestamp: twoDaysAgo })],
    });

    const periods = await periodTotals(db, org.orgId, budget.id);
    expect(periods.map((period) => period.spentMicros)).toEqual([40, 130]);
    expect(new Date(periods[0]!.start).getTime()).toBeLessThanOrEqual(Date.parse(twoDaysAgo));
    expect(new Date(periods[0]!.end).getTime()).toBeGreaterThan(Date.parse(twoDaysAgo));
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("the book reads every period the read-ahead did not ask for, and takes the ones it did", async () => {
    const { org, api } = await orgWithBudget(db, supportBudget("pause", 150));
    await api.usage.record(spendEvent("spent", 100, { department: "support" }));

    const headroomWith = (readAhead: PeriodTotalsRead) =>
      withTransaction(db, async (tx) => {
        const { wallet, config } = await lockForSpending(tx, org.orgId);
        const [attribution] = resolveWith(config.directory, org.apiKey, [{ department: "support" }]);
        const book = await openBudgetBook(tx, org.orgId, config.timeZone, [{ attribution: attribution!, at: wallet.now }], [], config.budgets, readAhead);
        return book.headroom(0);
      });

    // Not asked: read by the book (100 of 150 spent).
    expect(await headroomWith({ asked: new Set(), rows: [] })).toBe(50);
    // Asked, and found nothing: the book takes that answer rather than reading again.
    const [budget] = lastSeenOrgConfig(org.orgId)!.budgets;
    const [period] = await periodTotals(db, org.orgId, budget!.id);
    expect(await headroomWith({ asked: new Set([periodKeyOf(budget!.id, new Date(period!.start))]), rows: [] })).toBe(150);
  });
});
