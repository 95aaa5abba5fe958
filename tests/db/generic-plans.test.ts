import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../db/client";
import { createCaller } from "../../server/api/root";
import { createBudget } from "../../server/budgets/manage-budgets";
import { env } from "../../server/env";
import { useFreshDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * The statements on the spending path are prepared, and PostgreSQL plans a prepared statement
 * afresh for its first five runs, then keeps its generic plan unless that plan looks dearer than the
 * fresh ones did. A statement whose fresh plans always look cheaper is planned on every run — for the
 * budget period totals, read by every group and every status call, planning cost more than running.
 * Every hot statement is built to have a good generic plan (tests/db/hot-lookups.test.ts), so each
 * must settle on it. One connection, so `pg_prepared_statements` sees all of them.
 */
const RUNS = 12;

/** Budgets that every spend of the test organisations counts in. */
async function addBudgets(db: Database, org: TestOrg): Promise<void> {
  await createBudget(db, org.admin, { name: "Organisation", scope: "organization", period: "month", limitMicros: 1_000_000_000, mode: "pause" });
  await createBudget(db, org.admin, { name: "Support", scope: "department", departmentId: org.departments.support, period: "day", limitMicros: 1_000_000_000, mode: "pause" });
}

/** The spending path, RUNS times on one connection: then the statements it prepared that were planned more than five times. */
async function replannedStatements(session: Database, org: TestOrg): Promise<string[]> {
  const api = createCaller({ db: session, principal: org.apiKey });
  for (let i = 0; i < RUNS; i++) {
    await api.usage.record({ idempotencyKey: `event-${i}`, model: "test-small", inputTokens: 100, agent: "support-bot" });
    const hold = await api.usage.authorize({ idempotencyKey: `hold-${i}`, amountMicros: 1_000, agent: "support-bot" });
    await api.usage.settle({ reservationId: hold.reservationId, model: "test-small", inputTokens: 100 });
    await api.budgets.status({ agent: "support-bot" });
  }
  const statements = await session.$client<{ statement: string; generic_plans: string; custom_plans: string }[]>`
    SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements
    WHERE generic_plans + custom_plans >= ${RUNS}`;
  // The spending path's reads and writes were all prepared on this connection and ran every round.
  expect(statements.length).toBeGreaterThanOrEqual(5);
  return statements.filter((row) => Number(row.custom_plans) > 5).map((row) => row.statement.replace(/\s+/g, " ").trim().slice(0, 120));
}

describe("prepared statements on the spending path", () => {
  describe("on a new deployment", () => {
    const database = useFreshDatabase("allot_plans_new");
    let session: Database;
    afterAll(async () => {
      await session?.$client.end({ timeout: 5 });
    });

    it("are planned at most five times, then run on their generic plan", async () => {
      session = createDatabase({ url: database.url, max: 1, applicationName: "allot-test-plans-session" });
      const org = await createTestOrg(session);
      await addBudgets(session, org);
      expect(await replannedStatements(session, org)).toEqual([]);
    });
  });

  describe("for an organisation that began spending after the statistics were taken", () => {
    // Statistics that know only one organisation — its thousands of holds, its few budget periods,
    // on a table that has grown since — as on a deployment where a new organisation starts spending
    // between two ANALYZEs. A fresh plan that knows the newcomer reckons with its handful of rows,
    // the generic plan with an average organisation's: the fresh plan looked cheaper every time.
    const database = useFreshDatabase("allot_plans_later");
    const schema = sql.raw(env.ALLOT_DB_SCHEMA);
    let own: Database;
    let session: Database;
    let newcomer: TestOrg;
    let first: TestOrg;

    beforeAll(async () => {
      own = createDatabase({ url: database.url, max: 2, applicationName: "allot-test-plans" });
      first = await createTestOrg(own);
      await addBudgets(own, first);
      const api = createCaller({ db: own, principal: first.apiKey });
      await api.usage.record({ idempotencyKey: "first", model: "test-small", inputTokens: 100, agent: "support-bot" });
      const hold = await api.usage.authorize({ idempotencyKey: "first-hold", amountMicros: 1_000, agent: "support-bot" });
      await api.usage.settle({ reservationId: hold.reservationId, model: "test-small", inputTokens: 100 });
      // The first organisation's history of settled holds (copies of its one, under new ids and keys).
      await own.execute(sql`
        INSERT INTO ${schema}.reservations
        SELECT (jsonb_populate_record(r, jsonb_build_object('id', gen_random_uuid(), 'idempotency_key', 'earlier-' || n))).*
        FROM ${schema}.reservations r CROSS JOIN generate_series(1, 3000) AS n WHERE r.org_id = ${first.orgId}`);
      await own.execute(sql`ANALYZE`);
      // Ten years of the first organisation's earlier daily periods, written since (no new statistics: autovacuum is off).
      await own.execute(sql`
        INSERT INTO ${schema}.budget_periods (org_id, budget_id, period_start, period_end)
        SELECT p.org_id, p.budget_id, p.period_start - d * interval '1 day', p.period_end - d * interval '1 day'
        FROM ${schema}.budget_periods p CROSS JOIN generate_series(1, 3650) AS d
        WHERE p.org_id = ${first.orgId} AND p.period_end - p.period_start <= interval '1 day'`);
      newcomer = await createTestOrg(own);
      await addBudgets(own, newcomer);
      // A connection of its own, whose statements are first prepared and planned now.
      session = createDatabase({ url: database.url, max: 1, applicationName: "allot-test-plans-session" });
    }, 60_000);

    afterAll(async () => {
      await session?.$client.end({ timeout: 5 });
      await own?.$client.end({ timeout: 5 });
    });

    it("are planned at most five times too", async () => {
      expect(await replannedStatements(session, newcomer)).toEqual([]);
    });

    it("are planned at most five times for the organisation the statistics know, too", async () => {
      const known = createDatabase({ url: database.url, max: 1, applicationName: "allot-test-plans-known" });
      try {
        expect(await replannedStatements(known, first)).toEqual([]);
      } finally {
        await known.$client.end({ timeout: 5 });
      }
    });
  });
});
