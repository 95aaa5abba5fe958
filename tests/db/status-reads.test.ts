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
  await admin.budgets.create({ ...budget, name: "Sales bot", scope: "agent", agentId: salesBot, period: "year" });
  await admin.budgets.create({ ...budget, name: "Everything", scope: "organization", period: "quarter" });
  const api = callerFor(db, org.apiKey);
  await api.usage.record(spendEvent("support", 300, { department: "support", agent: "support-bot" }));
  await api.usage.record(spendEvent("sales", 40, { agent: "sales-bot" }));
  const periods = await db
    .select({ budgetId: budgetPeriods.budgetId, start: budgetPeriods.periodStart, end: budgetPeriods.periodEnd, spentMicros: budgetPeriods.spentMicros })
    .from(budgetPeriods)
    .where(eq(budgetPeriods.orgId, org.orgId));
  return { org, periods };
}

/** Rows by budget and start, comparable whatever their order. */
const byPeriod = (rows: { budgetId: string; periodStart: Date; spentMicros: number }[]) =>
  rows.map((row) => `${row.budgetId} ${row.periodStart.toISOString()} ${row.spentMicros}`).sort();

describe("budget status reads under load", () => {
  it("calls arriving together are read in fewer statements than calls, each answered as if it had read alone", async () => {
    const { org } = await orgWithFourBudgets();
    const asks = [{ department: "support", agent: "support-bot" }, { agent: "sales-bot" }, { department: "support" }, {}];
    const calls = Array.from({ length: 32 }, (_, i) => asks[i % asks.length]!);
    // What matters of a status here; burn rates move with the clock between calls.
    const totalsOf = (status: Awaited<ReturnType<ReturnType<typeof callerFor>["budgets"]["status"]>>) =>
      status.budgets.map(({ budgetId, spentMicros, heldMicros, periodStart }) => ({ budgetId, spentMicros, heldMicros, periodStart }));

    const alone: ReturnType<typeof totalsOf>[] = [];
    for (const ask of asks) alone.push(totalsOf(await callerFor(db, org.apiKey).budgets.status(ask)));
    const before = totalsStatements;
    const together = await Promise.all(calls.map((ask) => callerFor(counted, org.apiKey).budgets.status(ask)));

    expect(together.map(totalsOf)).toEqual(calls.map((_, i) => alone[i % asks.length]));
    expect(totalsStatements - before).toBeLessThan(calls.length / 2);
    expect(alone.map((budgets) => budgets.length)).toEqual([3, 2, 2, 1]);
    expect(alone[0]!.map((budget) => budget.spentMicros).sort()).toEqual([300, 300, 340]);
  });

  it("reads asked in one turn go as two statements, each answered with exactly the periods it asked, and organisations stay apart", async () => {
    const { org, periods } = await orgWithFourBudgets();
    const other = await orgWithFourBudgets();
    expect(periods).toHaveLength(4);
    // An earlier period of the first budget, so a start of one period is asked with other budgets too.
    const [first, second] = periods as [(typeof periods)[number], (typeof periods)[number]];
    const earlierStart = new Date(first.start.getTime() - 86_400_000);
    await db.insert(budgetPeriods).values({ orgId: org.orgId, budgetId: first.budgetId, periodStart: earlierStart, periodEnd: first.start, spentMicros: 7 });
    const crossed: PeriodKey[] = [
      { budgetId: first.budgetId, start: earlierStart },
      { budgetId: second.budgetId, start: earlierStart },
      { budgetId: second.budgetId, start: first.start },
    ];
    const asks: PeriodKey[][] = Array.from({ length: 20 }, (_, i) => [periods[i % 4]!, ...(i % 3 === 0 ? crossed : [])]);

    const before = totalsStatements;
    const [answers, otherAnswers] = await Promise.all([
      Promise.all(asks.map((ask) => readPeriodTotals(counted, org.orgId, ask))),
      Promise.all(asks.map((ask) => readPeriodTotals(counted, other.org.orgId, ask))),
    ]);
    const alone = await Promise.all(asks.map((ask) => readPeriodTotals(db, org.orgId, ask).then(byPeriod)));

    // Per organisation: the first alone, the other nineteen together.
    expect(totalsStatements - before).toBe(4);
    expect(answers.map(byPeriod)).toEqual(alone);
    expect(answers[0]!.map((row) => row.spentMicros).sort()).toEqual([7, first.spentMicros].sort());
    // The other organisation has none of these budgets: nothing of the first leaks into its answers.
    expect(otherAnswers.flat()).toEqual([]);
  });

  it("a transaction's read is never shared with the pool's: it sees its own writes, the pool's reads beside it do not", async () => {
    const { org, periods } = await orgWithFourBudgets();
    const period = periods[0]!;
    class RollBack extends Error {}
    let inside: number | undefined;
    let outside: number[] = [];

    await withTransaction(db, async (tx) => {
      await tx
        .update(budgetPeriods)
        .set({ spentMicros: sql`${budgetPeriods.spentMicros} + 5` })
        .where(and(eq(budgetPeriods.orgId, org.orgId), eq(budgetPeriods.budgetId, period.budgetId)));
      // A pool read in flight, then the transaction's and another pool read asked beside it, in one turn.
      const reads = [readPeriodTotals(db, org.orgId, [period]), readPeriodTotals(tx, org.orgId, [period]), readPeriodTotals(db, org.orgId, [period])];
      const [first, own, second] = await Promise.all(reads);
      inside = own![0]!.spentMicros;
      outside = [first![0]!.spentMicros, second![0]!.spentMicros];
      throw new RollBack();
    }).catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });

    expect({ inside, outside }).toEqual({ inside: period.spentMicros + 5, outside: [period.spentMicros, period.spentMicros] });
  });
});
