import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { budgetPeriods } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { readPeriodTotals, type PeriodKey } from "../../server/budgets/period-totals";
import { budgetTargetsOf, callerFor, spendEvent } from "../support/budget-fixtures";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

/**
 * Budget period totals read outside a transaction (`budgets.status`, the budget pages) go together
 * when they arrive while another read of the organisation is in flight (server/lib/coalesced-reads.ts).
 */
const db = useTestDatabase();
/** A pool of its own, so its lanes are idle when a test starts; its statements are counted. */
const counted = useTestDatabase(4);
let totalsStatements = 0;
counted.$client.options.debug = (_connection: number, statement: string) => {
  if (statement.includes("budget_periods") && statement.includes("wanted(budget_id, start)")) totalsStatements++;
};

async function orgWithFourBudgets() {
  const org = await createTestOrg(db);
  const admin = callerFor(db, org.admin);
  const { supportBot, salesBot } = await budgetTargetsOf(db, org);
  const budget = { limitMicros: 1_000_000, mode: "alert" as const };
  await admin.budgets.create({ ...budget, name: "Support", scope: "department", departmentId: org.departments.support, period: "month" });
  await admin.budgets.create({ ...budget, name: "Support bot", scope: "agent", agentId: supportBot, period: "week" });
  await admin.budgets.create({ ...budget, name: "Sales bot", scope: "agent", agentId: salesBot, period: "day" });
  await admin.budgets.create({ ...budget, name: "Everything", scope: "organization", period: "quarter" });
  const api = callerFor(db, org.apiKey);
  await api.usage.record(spendEvent("support", 300, { department: "support", agent: "support-bot" }));
  await api.usage.record(spendEvent("sales", 40, { agent: "sales-bot" }));
  return org;
}

describe("budget status reads under load", () => {
  it("calls arriving together are read in one statement after the first, each answered as if it had read alone", async () => {
    const org = await orgWithFourBudgets();
    const asks = [{ department: "support", agent: "support-bot" }, { agent: "sales-bot" }, { department: "support" }, {}];
    const calls = Array.from({ length: 32 }, (_, i) => asks[i % asks.length]!);
    // What matters of a status here; burn rates move with the clock between calls.
    const totalsOf = (status: Awaited<ReturnType<ReturnType<typeof callerFor>["budgets"]["status"]>>) =>
      status.budgets.map(({ budgetId, spentMicros, heldMicros, periodStart }) => ({ budgetId, spentMicros, heldMicros, periodStart }));

    const alone: ReturnType<typeof totalsOf>[] = [];
    for (const ask of asks) alone.push(totalsOf(await callerFor(db, org.apiKey).budgets.status(ask)));
    const together = await Promise.all(calls.map((ask) => callerFor(counted, org.apiKey).budgets.status(ask)));

    expect(together.map(totalsOf)).toEqual(calls.map((_, i) => alone[i % asks.length]));
    expect(alone.map((budgets) => budgets.length)).toEqual([3, 2, 2, 1]);
    expect(alone[0]!.map((budget) => budget.spentMicros).sort()).toEqual([300, 300, 340]);
  });

  it("reads asked in one turn go as two statements: the first alone, the rest together", async () => {
    const org = await orgWithFourBudgets();
    const periods = await db
      .select({ budgetId: budgetPeriods.budgetId, start: budgetPeriods.periodStart, spentMicros: budgetPeriods.spentMicros })
      .from(budgetPeriods)
      .where(eq(budgetPeriods.orgId, org.orgId));
    expect(periods).toHaveLength(4);
    const asks: PeriodKey[][] = Array.from({ length: 20 }, (_, i) => [periods[i % 4]!, periods[(i + 1) % 4]!]);

    const before = totalsStatements;
    const answers = await Promise.all(asks.map((ask) => readPeriodTotals(counted, org.orgId, ask)));

    expect(totalsStatements - before).toBe(2);
    for (const [i, ask] of asks.entries()) {
      const byBudget = (rows: { budgetId: string }[]) => rows.map((row) => row.budgetId).sort();
      expect(byBudget(answers[i]!)).toEqual(byBudget(ask));
      for (const row of answers[i]!) expect(row.spentMicros).toBe(periods.find((period) => period.budgetId === row.budgetId)!.spentMicros);
    }
  });

  it("reads are never shared between a transaction and the pool: the transaction's sees its own writes, the pool's does not", async () => {
    const org = await orgWithFourBudgets();
    const [period] = await db
      .select({ budgetId: budgetPeriods.budgetId, start: budgetPeriods.periodStart, spentMicros: budgetPeriods.spentMicros })
      .from(budgetPeriods)
      .where(eq(budgetPeriods.orgId, org.orgId))
      .limit(1);
    class RollBack extends Error {}

    const seen = await withTransaction(db, async (tx) => {
      await tx
        .update(budgetPeriods)
        .set({ spentMicros: sql`${budgetPeriods.spentMicros} + 5` })
        .where(and(eq(budgetPeriods.orgId, org.orgId), eq(budgetPeriods.budgetId, period!.budgetId)));
      const [inside] = await readPeriodTotals(tx, org.orgId, [period!]);
      const [outside] = await readPeriodTotals(db, org.orgId, [period!]);
      throw Object.assign(new RollBack(), { inside: inside!.spentMicros, outside: outside!.spentMicros });
    }).catch((error: unknown) => (error instanceof RollBack ? (error as RollBack & { inside: number; outside: number }) : Promise.reject(error)));

    expect({ inside: seen.inside, outside: seen.outside }).toEqual({ inside: period!.spentMicros + 5, outside: period!.spentMicros });
  });
});
