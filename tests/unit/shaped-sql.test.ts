import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { BurnableGrant } from "../../server/ledger/burn-order";
import { renderShaped, withParams, type ShapedStatement } from "../../server/lib/shaped-sql";
import { holdWrites } from "../../server/usage/hold-writes";
import { usageWrite, type PendingUsage } from "../../server/usage/usage-write";

/** The dialect our database client renders with (db/client.ts). */
const dialect = new PgDialect({ casing: "snake_case" });

/** What drizzle renders for the statement with its values as ordinary parameters — the reference. */
function plain(statement: ShapedStatement) {
  const { sql: text, params } = dialect.sqlToQuery(withParams(statement));
  return { sql: text, params };
}

const ORG = "0190f5a0-0000-7000-8000-000000000001";
let sequence = 0;
const uuid = () => `0190f5a0-0000-7000-8000-${String(++sequence).padStart(12, "0")}`;

function pendingUsage(costMicros: number, agentId: string | null): PendingUsage {
  return {
    id: uuid(),
    idempotencyKey: `key-${sequence}`,
    occurredAt: new Date(Date.UTC(2026, 10, 25, 12, sequence % 60)),
    action: { kind: "model", item: "gpt", tokens: { inputTokens: 1000 + sequence, outputTokens: 200, cachedInputTokens: 0, cacheWriteTokens: 0 }, quantityMicros: 0 },
    priced: { costMicros, lines: [], priceVersionId: uuid(), priceVersion: 3, pricedAs: "gpt" },
    attribution: { departmentId: uuid(), projectId: null, agentId, userRef: "ana@example.com", taskType: "reply", workflow: null, outcomeRef: null },
    chargedMicros: costMicros,
    metadata: sequence % 2 === 0 ? { ticket: String(sequence) } : null,
    requestHash: `hash-${sequence}`,
    balanceAfterMicros: 1_000_000 - costMicros,
  };
}

const grants = (): BurnableGrant[] => [
  { id: uuid(), balanceMicros: 50, priority: 0, expiresAt: null, createdAt: new Date(0) },
  { id: uuid(), balanceMicros: 1_000_000, priority: 1, expiresAt: null, createdAt: new Date(0) },
];

const budgetTotals: ShapedStatement = {
  shape: "test-budget",
  bindValues: (bind) => {
    const spent = bind(sequence);
    const org = bind(ORG);
    return () => sql`UPDATE budget_periods SET spent_micros = ${spent}::bigint WHERE org_id = ${org}::uuid`;
  },
};

describe("renderShaped", () => {
  it("renders what drizzle renders, for the first statement of a shape and for later ones with other values", () => {
    const statements = [
      usageWrite(ORG, "Europe/Paris", grants(), [pendingUsage(70, uuid())], [budgetTotals]),
      // Same shape, more events (split across two grants), another zone: only values differ.
      usageWrite(ORG, "America/Chicago", grants(), [pendingUsage(30, null), pendingUsage(90, uuid()), pendingUsage(5, null)], [budgetTotals]),
    ];
    expect(statements[0]!.shape).toBe(statements[1]!.shape);
    for (const statement of statements) expect(renderShaped(dialect, statement)).toEqual(plain(statement));
  });

  it("tells every combination of parts apart, each rendering as drizzle does", () => {
    const created = [
      {
        id: uuid(),
        idempotencyKey: "hold-1",
        amountMicros: 900,
        item: "gpt",
        priceVersionId: uuid(),
        attribution: { departmentId: null, projectId: null, agentId: null, userRef: null, taskType: null, workflow: null, outcomeRef: null },
        apiKeyId: null,
        expiresAt: new Date(Date.UTC(2026, 10, 25, 13)),
        budgetHolds: [{ budgetId: uuid(), periodStart: "2026-11-01T00:00:00.000Z", amountMicros: 900 }],
        requestHash: "hash-hold-1",
        availableAfterMicros: 99_100,
      },
    ];
    const resolved = [{ id: uuid(), rowAddress: "(0,1)", status: "settled" as const, usageEventId: uuid() }];
    const variants = [
      usageWrite(ORG, "UTC", grants(), [pendingUsage(0, null)]),
      usageWrite(ORG, "UTC", grants(), [pendingUsage(10, null)]),
      usageWrite(ORG, "UTC", grants(), [], holdWrites(ORG, created, [], 900)),
      usageWrite(ORG, "UTC", grants(), [pendingUsage(10, null)], [...holdWrites(ORG, [], resolved, -900), budgetTotals]),
      usageWrite(ORG, "UTC", grants(), [], holdWrites(ORG, created, resolved, 0)),
      usageWrite(ORG, "UTC", grants(), [], [budgetTotals]),
    ];
    expect(new Set(variants.map((statement) => statement.shape)).size).toBe(variants.length);
    for (const statement of variants) expect(renderShaped(dialect, statement)).toEqual(plain(statement));
  });

  it("refuses a statement holding a value that was not bound (it would be frozen into the shape)", () => {
    const leaky: ShapedStatement = {
      shape: "test-leaky",
      bindValues: (bind) => {
        const one = bind(1);
        return () => sql`SELECT ${one}::int, ${"not bound"}::text`;
      },
    };
    expect(() => renderShaped(dialect, leaky)).toThrow(/not bound/);
  });

  it("refuses a statement whose values do not match its shape's", () => {
    const shaped = (columns: number): ShapedStatement => ({
      shape: "test-columns",
      bindValues: (bind) => {
        const values = Array.from({ length: columns }, (_, i) => bind(i));
        return () => sql`SELECT ${sql.join(values.map((value) => sql`${value}::int`), sql`, `)}`;
      },
    });
    expect(renderShaped(dialect, shaped(2)).sql).toBe("SELECT $1::int, $2::int");
    expect(() => renderShaped(dialect, shaped(3))).toThrow(/bound 3 values; its shape has 2/);
  });

  it("binds one value used in several places once", () => {
    const twice: ShapedStatement = {
      shape: "test-twice",
      bindValues: (bind) => {
        const zone = bind("Europe/Paris");
        const five = bind(5);
        return () => sql`SELECT now() AT TIME ZONE ${zone}, ${five}::int, now() AT TIME ZONE ${zone}`;
      },
    };
    expect(renderShaped(dialect, twice)).toEqual({ sql: "SELECT now() AT TIME ZONE $1, $2::int, now() AT TIME ZONE $3", params: ["Europe/Paris", 5, "Europe/Paris"] });
  });

  it("builds a shape's SQL once: later statements of the shape only bind their values", () => {
    let built = 0;
    const counted = (value: number): ShapedStatement => ({
      shape: "test-built-once",
      bindValues: (bind) => {
        const bound = bind(value);
        return () => (built++, sql`SELECT ${bound}::int`);
      },
    });
    expect(renderShaped(dialect, counted(1))).toEqual({ sql: "SELECT $1::int", params: [1] });
    expect(renderShaped(dialect, counted(2))).toEqual({ sql: "SELECT $1::int", params: [2] });
    expect(renderShaped(dialect, counted(3))).toEqual({ sql: "SELECT $1::int", params: [3] });
    expect(built).toBe(1);
  });

  it("refuses a statement that binds a value while building its SQL (the value would be missing later)", () => {
    const late = (value: number): ShapedStatement => ({
      shape: "test-late",
      bindValues: (bind) => {
        const first = bind(value);
        return () => sql`SELECT ${first}::int, ${bind(value + 1)}::int`;
      },
    });
    expect(renderShaped(dialect, late(1)).params).toEqual([1, 2]);
    expect(() => renderShaped(dialect, late(5))).toThrow(/bound 1 values; its shape has 2/);
  });
});
