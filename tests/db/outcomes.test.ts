import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { outcomeRecords } from "../../db/schema";
import type { Principal } from "../../server/auth/principal";
import { createCaller } from "../../server/api/root";
import { outcomeOf } from "../support/api-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

const db = useTestDatabase();
const as = (principal: Principal) => createCaller({ db, principal });

async function recordedCount(orgId: string) {
  return (await db.select({ id: outcomeRecords.id }).from(outcomeRecords).where(eq(outcomeRecords.orgId, orgId))).length;
}

/** An organisation with a support metric ($4.00 a ticket), a sales metric and an archived one. */
async function orgWithMetrics(): Promise<TestOrg> {
  const org = await createTestOrg(db);
  const admin = as(org.admin).outcomes;
  await admin.createMetric({ departmentId: org.departments.support, slug: "tickets-deflected", name: "Tickets deflected", unit: "ticket", valuePerUnitMinor: 400 });
  await admin.createMetric({ departmentId: org.departments.sales, slug: "leads", name: "Leads generated", unit: "lead", valuePerUnitMinor: 2_500 });
  const old = await admin.createMetric({ departmentId: org.departments.support, slug: "old-metric", name: "Old", unit: "thing", valuePerUnitMinor: 1 });
  await admin.updateMetric({ metricId: old.id, archived: true });
  return org;
}

describe("outcomes.record is idempotent", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await orgWithMetrics();
  });

  it("the same key and payload has one effect and returns the same answer; a quantity is compared by value", async () => {
    const record = as(org.apiKey).outcomes.record;
    const first = await record({ idempotencyKey: "o-1", metric: "tickets-deflected", quantity: 2.5, agent: "support-bot" });
    expect(first).toMatchObject({ replay: false, quantityMicros: 2_500_000, valuePerUnitMinor: 400, valueMinor: "1000", departmentId: org.departments.support });
    const again = await record({ idempotencyKey: "o-1", metric: "tickets-deflected", quantity: "2.50", agent: "support-bot" });
    expect(again).toEqual({ ...first, replay: true });
    expect(await recordedCount(org.orgId)).toBe(1);
  });

  it("the same key with another payload is refused and changes nothing", async () => {
    const record = as(org.apiKey).outcomes.record;
    await record({ idempotencyKey: "o-2", metric: "tickets-deflected", quantity: 1 });
    const before = await recordedCount(org.orgId);
    expect(await outcomeOf(record({ idempotencyKey: "o-2", metric: "tickets-deflected", quantity: 2 }))).toBe("IDEMPOTENCY_CONFLICT");
    expect(await outcomeOf(record({ idempotencyKey: "o-2", metric: "leads", quantity: 1 }))).toBe("IDEMPOTENCY_CONFLICT");
    expect(await recordedCount(org.orgId)).toBe(before);
  });

  it("concurrent duplicates produce one outcome, and every caller gets its id", async () => {
    const input = { idempotencyKey: "o-race", metric: "leads", quantity: 3 };
    const answers = await Promise.all(Array.from({ length: 8 }, () => as(org.apiKey).outcomes.record(input)));
    expect(new Set(answers.map((a) => a.outcomeId)).size).toBe(1);
    expect(answers.filter((a) => !a.replay).length).toBeLessThanOrEqual(1);
    const rows = await db.select().from(outcomeRecords).where(eq(outcomeRecords.idempotencyKey, "o-race"));
    expect(rows.filter((row) => row.orgId === org.orgId)).toHaveLength(1);
  });

  it("a later change of the value per unit keeps what was recorded", async () => {
    const [metric] = (await as(org.admin).outcomes.metrics()).filter((m) => m.slug === "leads");
    const before = await as(org.apiKey).outcomes.record({ idempotencyKey: "o-value", metric: "leads", quantity: 1 });
    await as(org.admin).outcomes.updateMetric({ metricId: metric!.id, valuePerUnitMinor: 3_000 });
    const after = await as(org.apiKey).outcomes.record({ idempotencyKey: "o-value-2", metric: "leads", quantity: 1 });
    expect([before.valueMinor, after.valueMinor]).toEqual(["2500", "3000"]);
    const listed = await as(org.finance).outcomes.list({});
    expect(listed.find((row) => row.id === before.outcomeId)?.valueMinor).toBe("2500");
  });
});

describe("outcomes.record refuses bad input with a typed error and changes nothing", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await orgWithMetrics();
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ["an unknown metric", { metric: "nope", quantity: 1 }, "NOT_FOUND"],
    ["an archived metric", { metric: "old-metric", quantity: 1 }, "INVALID_INPUT"],
    ["a zero quantity", { metric: "leads", quantity: 0 }, "INVALID_INPUT"],
    ["a negative quantity", { metric: "leads", quantity: -1 }, "INVALID_INPUT"],
    ["seven decimals", { metric: "leads", quantity: "1.0000001" }, "INVALID_INPUT"],
    ["a quantity that is not a number", { metric: "leads", quantity: "many" }, "INVALID_INPUT"],
    ["an unknown agent", { metric: "leads", quantity: 1, agent: "ghost" }, "NOT_FOUND"],
    ["an agent of another department", { metric: "leads", quantity: 1, agent: "support-bot" }, "INVALID_INPUT"],
    ["a timestamp an hour ahead", { metric: "leads", quantity: 1, timestamp: new Date(Date.now() + 3_600_000).toISOString() }, "INVALID_INPUT"],
    ["a timestamp without an offset", { metric: "leads", quantity: 1, timestamp: "2026-01-01T00:00:00" }, "INVALID_INPUT"],
    ["a missing idempotency key", { metric: "leads", quantity: 1, idempotencyKey: undefined }, "INVALID_INPUT"],
    ["an idempotency key with spaces", { metric: "leads", quantity: 1, idempotencyKey: "a b" }, "INVALID_INPUT"],
  ];
  for (const [name, input, code] of cases) {
    it(name, async () => {
      const before = await recordedCount(org.orgId);
      expect(await outcomeOf(as(org.apiKey).outcomes.record({ idempotencyKey: `bad-${name.length}`, ...input } as never))).toBe(code);
      expect(await recordedCount(org.orgId)).toBe(before);
    });
  }

  it("metric definitions are validated too", async () => {
    const create = as(org.admin).outcomes.createMetric;
    const base = { departmentId: org.departments.support, slug: "m", name: "M", unit: "u", valuePerUnitMinor: 1 };
    expect(await outcomeOf(create({ ...base, slug: "Bad Slug" }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(create({ ...base, valuePerUnitMinor: -1 }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(create({ ...base, valuePerUnitMinor: 1.5 }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(create({ ...base, slug: "leads" }))).toBe("CONFLICT");
    expect(await outcomeOf(create({ ...base, departmentId: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
  });
});

describe("who records and sees outcomes", () => {
  let org: TestOrg;
  let other: TestOrg;
  beforeAll(async () => {
    org = await orgWithMetrics();
    other = await orgWithMetrics();
  });

  it("a department key records only for its department's metrics", async () => {
    const salesKey = await org.keyWith(["usage:write"], org.departments.sales);
    expect(await outcomeOf(as(salesKey).outcomes.record({ idempotencyKey: "k-1", metric: "leads", quantity: 1 }))).toBe("ok");
    expect(await outcomeOf(as(salesKey).outcomes.record({ idempotencyKey: "k-2", metric: "tickets-deflected", quantity: 1 }))).toBe("FORBIDDEN");
  });

  it("a department head records and defines metrics for their departments only, and sees only theirs", async () => {
    const head = as(org.supportHead).outcomes;
    expect(await outcomeOf(head.record({ idempotencyKey: "h-1", metric: "tickets-deflected", quantity: 4 }))).toBe("ok");
    expect(await outcomeOf(head.record({ idempotencyKey: "h-2", metric: "leads", quantity: 1 }))).toBe("FORBIDDEN");
    const base = { slug: "csat", name: "CSAT points", unit: "point", valuePerUnitMinor: 10 };
    expect(await outcomeOf(head.createMetric({ ...base, departmentId: org.departments.sales }))).toBe("FORBIDDEN");
    expect(await outcomeOf(head.createMetric({ ...base, departmentId: org.departments.support }))).toBe("ok");
    const salesMetric = (await as(org.admin).outcomes.metrics()).find((m) => m.slug === "leads")!;
    expect(await outcomeOf(head.updateMetric({ metricId: salesMetric.id, valuePerUnitMinor: 1 }))).toBe("FORBIDDEN");
    expect(new Set((await head.metrics()).map((m) => m.departmentId))).toEqual(new Set([org.departments.support]));
    expect(new Set((await head.list({})).map((o) => o.departmentId))).toEqual(new Set([org.departments.support]));
    expect(new Set((await as(org.finance).outcomes.list({})).map((o) => o.departmentId))).toEqual(new Set([org.departments.support, org.departments.sales]));
  });

  it("another organisation can neither record for, see nor change these metrics", async () => {
    const mine = (await as(org.admin).outcomes.metrics()).find((m) => m.slug === "leads")!;
    const before = await recordedCount(org.orgId);
    await as(other.apiKey).outcomes.record({ idempotencyKey: "k-1", metric: "leads", quantity: 1 });
    expect(await recordedCount(org.orgId)).toBe(before);
    expect(await outcomeOf(as(other.admin).outcomes.updateMetric({ metricId: mine.id, valuePerUnitMinor: 1 }))).toBe("NOT_FOUND");
    expect((await as(other.admin).outcomes.metrics()).map((m) => m.id)).not.toContain(mine.id);
    expect(await outcomeOf(as(other.admin).outcomes.list({ departmentId: org.departments.sales }))).toBe("ok");
    expect(await as(other.admin).outcomes.list({ departmentId: org.departments.sales })).toEqual([]);
  });
});
