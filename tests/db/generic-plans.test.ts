import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import { createBudget } from "../../server/budgets/manage-budgets";
import { useTestDatabase } from "../support/database";
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

const db = useTestDatabase(1);
let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(db);
  await createBudget(db, org.admin, { name: "Organisation", scope: "organization", period: "month", limitMicros: 1_000_000_000, mode: "pause" });
  await createBudget(db, org.admin, { name: "Support", scope: "department", departmentId: org.departments.support, period: "day", limitMicros: 1_000_000_000, mode: "pause" });
}, 60_000);

describe("prepared statements on the spending path", () => {
  it("are planned at most five times, then run on their generic plan", async () => {
    const api = createCaller({ db, principal: org.apiKey });
    for (let i = 0; i < RUNS; i++) {
      await api.usage.record({ idempotencyKey: `event-${i}`, model: "test-small", inputTokens: 100, agent: "support-bot" });
      const hold = await api.usage.authorize({ idempotencyKey: `hold-${i}`, amountMicros: 1_000, agent: "support-bot" });
      await api.usage.settle({ reservationId: hold.reservationId, model: "test-small", inputTokens: 100 });
      await api.budgets.status({ agent: "support-bot" });
    }

    const statements = await db.$client<{ statement: string; generic_plans: string; custom_plans: string }[]>`
      SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements
      WHERE generic_plans + custom_plans >= ${RUNS}`;
    const replanned = statements.filter((row) => Number(row.custom_plans) > 5).map((row) => row.statement.replace(/\s+/g, " ").trim().slice(0, 120));

    // The spending path's reads and writes were all prepared on this connection and ran every round.
    expect(statements.length).toBeGreaterThanOrEqual(5);
    expect(replanned).toEqual([]);
  });
});
