import fs from "node:fs";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Principal } from "../../server/auth/principal";
import { costBucket, costBucketSql } from "../../server/usage/cost-buckets";
import { sqlForSchema } from "../../db/migrate";
import { modelCostHistogramDaily, modelCostHistogramWeekly, usageEvents } from "../../db/schema";
import { comparisonWindow } from "../../server/reports/model-comparison";
import { withTransaction } from "../../db/transaction";
import { env } from "../../server/env";
import { verifyRollups } from "../../server/reports/verify-rollups";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

const db = useTestDatabase();
const as = (principal: Principal) => createCaller({ db, principal });

/**
 * The model comparison reads its median and p90 from the cost histogram. Against percentile_disc
 * over the events themselves: exact below 128 µcr, within 1/64 of the truth above; task counts,
 * credits and means exact. Costs are test-small's 1 µcr per input token, so each is chosen exactly.
 */
describe("model comparison from the cost histogram", () => {
  let org: TestOrg;
  const seed = Number(process.env.ALLOT_PROPERTY_SEED ?? Date.now() % 2_147_483_647);

  beforeAll(async () => {
    org = await createTestOrg(db, { pricesFrom: new Date(Date.now() - 60 * 86_400_000) });
    console.info(`model comparison histogram: seed ${seed} (replay with ALLOT_PROPERTY_SEED=${seed})`);
    const spread = fc.oneof(fc.integer({ min: 1, max: 127 }), fc.integer({ min: 128, max: 5_000 }), fc.integer({ min: 5_000, max: 400_000 }));
    const specs = fc.sample(fc.record({
        cost: spread,
        daysAgo: fc.integer({ min: 0, max: 40 }),
        taskType: fc.constantFrom("reply", "triage", undefined),
        agent: fc.constantFrom("support-bot", undefined),
      }), {
      seed,
      numRuns: 900,
    });
    for (let start = 0; start < specs.length; start += 300) {
      await as(org.apiKey).usage.recordBatch({
        events: specs.slice(start, start + 300).map((spec, i) => ({
          idempotencyKey: `h-${start + i}`,
          // Spread over 40 days: windows start mid-week, and some events fall outside them.
          timestamp: new Date(Date.now() - spec.daysAgo * 86_400_000 - 60_000).toISOString(),
          model: (start + i) % 3 === 0 ? "test-large" : "test-small",
          // test-large costs 10 µcr per input token: a tenth of the tokens keeps the spread.
          inputTokens: (start + i) % 3 === 0 ? Math.max(1, Math.round(spec.cost / 10)) : spec.cost,
          ...(spec.taskType ? { taskType: spec.taskType } : {}),
          ...(spec.agent ? { agent: spec.agent } : {}),
        })),
      });
    }
  });

  it("gives counts, credits and means exactly, and medians and p90s within the stated error", async () => {
    for (const [principal, days] of [
      [org.admin, 30],
      [org.supportHead, 30],
      [org.admin, 9],
      [org.admin, 366],
    ] as const) {
      const window = await comparisonWindow(db, org.orgId, days);
      const visible = principal === org.admin ? sql`true` : sql`department_id = ${org.departments.support}`;
      const truth = await db.execute<{ task_type: string; item: string; tasks: string; cost: string; median: string; p90: string }>(sql`
        SELECT coalesce(task_type, '(none)') AS task_type, item, count(*)::text AS tasks, sum(cost_micros)::text AS cost,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY cost_micros)::text AS median,
               percentile_disc(0.9) WITHIN GROUP (ORDER BY cost_micros)::text AS p90
        FROM ${usageEvents} WHERE org_id = ${org.orgId} AND kind = 'model' AND ${visible} AND occurred_at >= ${window.startsAt.toISOString()}
        GROUP BY 1, 2`);
      const { taskTypes } = await as(principal).reports.models({ days });
      const compared = taskTypes.flatMap((t) => t.models.map((m) => ({ taskType: t.taskType, ...m })));
      expect(truth.length).toBeGreaterThan(3);
      expect(compared).toHaveLength(truth.length);
      for (const row of truth) {
        const model = compared.find((m) => m.taskType === row.task_type && m.model === row.item)!;
        expect({ tasks: model.tasks, costMicros: model.costMicros }).toEqual({ tasks: Number(row.tasks), costMicros: Number(row.cost) });
        for (const [estimate, exact] of [
          [model.medianMicros, Number(row.median)],
          [model.p90Micros, Number(row.p90)],
        ] as const) {
          if (exact < 128) expect(estimate).toBe(exact);
          else expect(Math.abs(estimate - exact) * 64).toBeLessThanOrEqual(exact);
        }
      }
    }
    expect(await verifyRollups(db, org.orgId)).toEqual({ drifted: 0, sample: [] });
  });

  it("buckets a cost in SQL exactly as in TypeScript, at every power-of-two edge", async () => {
    const edges = [0n, 1n, 127n, 128n, 129n, 255n, 256n, 10n ** 6n, 2n ** 53n + 1n, 2n ** 62n, 2n ** 63n - 1n];
    for (let bits = 7n; bits < 63n; bits++) edges.push(2n ** bits - 1n, 2n ** bits, 2n ** bits + 1n);
    const rows = await db.execute<{ cost: string; bucket: number }>(
      sql`SELECT c::text AS cost, ${costBucketSql(sql`c`)} AS bucket FROM unnest(${`{${edges.join(",")}}`}::bigint[]) AS c`,
    );
    expect(rows.map((r) => [r.cost, r.bucket])).toEqual(edges.map((c) => [c.toString(), costBucket(c)]));
  });

  it("are what migration 0009 backfills from events recorded before it", async () => {
    const backfill = fs
      .readFileSync("db/migrations/0009_model_cost_histograms.sql", "utf8")
      .split("--> statement-breakpoint")
      .filter((statement) => statement.includes("INSERT INTO"))
      // This organisation's events only: the test database is shared.
      .map((statement) => sqlForSchema(statement, env.ALLOT_DB_SCHEMA).replace("WHERE e.kind = 'model'", `WHERE e.kind = 'model' AND e.org_id = '${org.orgId}'`));
    expect(backfill).toHaveLength(2);
    const rebuilt = await withTransaction(db, async (tx) => {
      for (const table of [modelCostHistogramDaily, modelCostHistogramWeekly]) await tx.execute(sql`DELETE FROM ${table} WHERE org_id = ${org.orgId}`);
      for (const statement of backfill) await tx.execute(sql.raw(statement));
      const result = await verifyRollups(tx, org.orgId);
      const [rows] = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${modelCostHistogramWeekly} WHERE org_id = ${org.orgId}`);
      throw Object.assign(new Error("roll back"), { result, weeklyRows: rows!.n });
    }).catch((error: { result?: unknown; weeklyRows?: number }) => error);
    expect(rebuilt.weeklyRows).toBeGreaterThan(0);
    expect(rebuilt.result).toEqual({ drifted: 0, sample: [] });
  });

  it("are checked by the rollup verification: a changed histogram row is reported as drift", async () => {
    const drifted = await withTransaction(db, async (tx) => {
      await tx.execute(sql`UPDATE ${modelCostHistogramWeekly} SET tasks = tasks + 1
        WHERE ctid = (SELECT ctid FROM ${modelCostHistogramWeekly} WHERE org_id = ${org.orgId} LIMIT 1)`);
      const result = await verifyRollups(tx, org.orgId);
      throw Object.assign(new Error("roll back"), { result });
    }).catch((error: { result: Awaited<ReturnType<typeof verifyRollups>> }) => error.result);
    expect(drifted.drifted).toBe(1);
    expect(drifted.sample[0]).toMatchObject({ grain: "costHistogramWeekly" });
  });
});
