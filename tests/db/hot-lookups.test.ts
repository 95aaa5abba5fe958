import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../db/client";
import { budgetPeriods } from "../../db/schema";
import { authenticateApiKey, createApiKey } from "../../server/api-keys/api-keys";
import { createCaller } from "../../server/api/root";
import { readPeriodTotals } from "../../server/budgets/period-totals";
import { createBudget } from "../../server/budgets/manage-budgets";
import { findHeldAnswers } from "../../server/usage/held-answers";
import { findRecordedAnswers } from "../../server/usage/recorded-answers";
import { recordUsage } from "../../server/usage/record-usage";
import { useFreshDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * The lookups on the spending path read only the rows they ask for, in the plan a prepared statement
 * ends up with: after five runs PostgreSQL may switch to a generic plan, and one made before the
 * tables have statistics — a new deployment, this fresh database — read every row of the
 * organisation and filtered it (`key = ANY(…)`), so each call grew slower as the organisation grew.
 * The session below is forced onto generic plans and auto_explain hands each executed plan back.
 * (A table of a few pages is read whole by any plan — rightly, it is cheaper — so the organisation
 * here has hundreds or thousands of rows in each table.)
 */
const database = useFreshDatabase("allot_lookups");
const EVENTS = 200;
const HOLDS = 2_000;
const BUDGETS = 12;

let db: Database;
let session: Database;
let org: TestOrg;
const plans: PlanNode[] = [];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

beforeAll(async () => {
  const { url } = database;
  db = createDatabase({ url, max: 4, applicationName: "allot-test-plans" });
  org = await createTestOrg(db);
  // Rows of the organisation that the lookups below do not ask for.
  await recordUsage(db, org.apiKey, Array.from({ length: EVENTS }, (_, i) => ({ idempotencyKey: `event-${i}`, model: "test-small", inputTokens: 100, user: `user-${i % BUDGETS}` })));
  // A key allowed the burst of holds below (the default rate limit would refuse most of it).
  const { token } = await createApiKey(db, { orgId: org.orgId, actor: "test", name: "bulk", scopes: ["usage:write"], rateLimitPerSecond: 100_000 });
  const api = createCaller({ db, principal: (await authenticateApiKey(db, token))! });
  await Promise.all(Array.from({ length: HOLDS }, (_, i) => api.usage.authorize({ idempotencyKey: `hold-${i}`, amountMicros: 1_000 })));
  for (let i = 0; i < BUDGETS; i++) {
    await createBudget(db, org.admin, { name: `User ${i}`, scope: "user", userRef: `user-${i}`, period: "month", limitMicros: 1_000_000_000 });
  }
  await recordUsage(db, org.apiKey, Array.from({ length: BUDGETS }, (_, i) => ({ idempotencyKey: `budgeted-${i}`, model: "test-small", inputTokens: 100, user: `user-${i}` })));

  session = createDatabase({
    url,
    max: 1,
    applicationName: "allot-test-plans-session",
    onNotice: (notice) => {
      const text = String(notice.message);
      if (text.includes("plan:")) plans.push((JSON.parse(text.slice(text.indexOf("{"))) as { Plan: PlanNode }).Plan);
    },
  });
  await session.execute(sql`LOAD 'auto_explain'`);
  for (const setting of [
    sql`SET auto_explain.log_min_duration = 0`,
    sql`SET auto_explain.log_analyze = on`,
    sql`SET auto_explain.log_format = 'json'`,
    sql`SET auto_explain.log_level = 'notice'`,
    sql`SET plan_cache_mode = force_generic_plan`,
  ]) {
    await session.execute(setting);
  }
}, 120_000);

afterAll(async () => {
  await session?.$client.end({ timeout: 5 });
  await db?.$client.end({ timeout: 5 });
});

/** The rows the scans of `table` produced, and those they read and filtered away, over every plan executed since `from`. */
function rowsRead(table: string, from: number): { produced: number; filteredAway: number } {
  const total = { produced: 0, filteredAway: 0 };
  const visit = (node: PlanNode) => {
    if (node["Relation Name"] === table) {
      const loops = node["Actual Loops"] ?? 1;
      total.produced += (node["Actual Rows"] ?? 0) * loops;
      total.filteredAway += (node["Rows Removed by Filter"] ?? 0) * loops;
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  for (const plan of plans.slice(from)) visit(plan);
  return total;
}

/** The scans of `table` that ran, named by their index (a bitmap scan by its index scan's) or "Seq Scan", over every plan executed since `from`. */
function scansRun(table: string, from: number): string[] {
  const scans: string[] = [];
  const visit = (node: PlanNode) => {
    if (node["Relation Name"] === table && node["Node Type"].includes("Scan") && (node["Actual Loops"] ?? 0) > 0) {
      scans.push(node["Index Name"] ?? node.Plans?.find((child) => child["Index Name"])?.["Index Name"] ?? node["Node Type"]);
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  for (const plan of plans.slice(from)) visit(plan);
  return scans;
}

describe("lookups on the spending path under generic plans, on tables without statistics", () => {
  it.each([
    ["usage answers (the events)", "usage_events", (keys: string[]) => findRecordedAnswers(session, org.orgId, keys), "event"],
    ["hold answers (the holds)", "reservations", (keys: string[]) => findHeldAnswers(session, org.orgId, keys), "hold"],
  ] as const)("%s: one index probe per key asked", async (_name, table, find, prefix) => {
    const before = plans.length;
    const answers = await find([`${prefix}-7`, `${prefix}-150`, "never-used"]);

    expect([...answers.keys()].sort()).toEqual([`${prefix}-150`, `${prefix}-7`]);
    expect(plans.length).toBeGreaterThan(before);
    // Up to one row per key (PostgreSQL before 18 rounds a loop's average row count up).
    const read = rowsRead(table, before);
    expect(read.filteredAway).toBe(0);
    expect(read.produced).toBeGreaterThanOrEqual(2);
    expect(read.produced).toBeLessThanOrEqual(3);
  });

  it("holds: a new hold's expiry sweep and a settle or release read only the holds they touch", async () => {
    const api = createCaller({ db: session, principal: org.apiKey });
    let before = plans.length;
    const held = await api.usage.authorize({ idempotencyKey: "hold-to-settle", amountMicros: 1_000 });
    const released = await api.usage.authorize({ idempotencyKey: "hold-to-release", amountMicros: 1_000 });
    expect(rowsRead("reservations", before).filteredAway).toBe(0);

    before = plans.length;
    await api.usage.settle({ reservationId: held.reservationId, model: "test-small", inputTokens: 100 });
    await api.usage.release({ reservationId: released.reservationId });
    // Each hold twice: locked, then updated.
    expect(rowsRead("reservations", before)).toEqual({ produced: 4, filteredAway: 0 });
  });

  it("holds: a group with no hold due does not look for due holds at all, whatever the sweep's plan", async () => {
    const api = createCaller({ db: session, principal: org.apiKey });
    const before = plans.length;
    await api.usage.authorize({ idempotencyKey: "hold-nothing-due", amountMicros: 1_000 });

    // The key's answer lookup is the only scan of the holds: the wallet's next hold expiry has not come.
    expect(scansRun("reservations", before)).toEqual(["reservations_idempotency_key"]);
  });

  it("budget period totals: one probe per budget and period asked", async () => {
    const [period, another] = await db.select().from(budgetPeriods).where(sql`${budgetPeriods.orgId} = ${org.orgId}`).limit(2);
    const before = plans.length;
    // Two periods that have rows, and one that has none (the first budget a day earlier).
    const totals = await readPeriodTotals(session, org.orgId, [
      { budgetId: period!.budgetId, start: period!.periodStart },
      { budgetId: another!.budgetId, start: another!.periodStart },
      { budgetId: period!.budgetId, start: new Date(period!.periodStart.getTime() - 86_400_000) },
    ]);

    expect(totals.map((row) => row.spentMicros)).toEqual([period!.spentMicros, another!.spentMicros]);
    expect(await db.$count(budgetPeriods, sql`${budgetPeriods.orgId} = ${org.orgId}`)).toBe(BUDGETS);
    expect(plans.length).toBeGreaterThan(before);
    // Up to one row per period asked (PostgreSQL before 18 rounds a loop's average row count).
    const read = rowsRead("budget_periods", before);
    expect(read.filteredAway).toBe(0);
    expect(read.produced).toBeGreaterThanOrEqual(2);
    expect(read.produced).toBeLessThanOrEqual(3);
  });
});
