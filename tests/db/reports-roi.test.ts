import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../server/auth/principal";
import { createCaller } from "../../server/api/root";
import { outcomeOf } from "../support/api-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

const db = useTestDatabase();
const as = (principal: Principal) => createCaller({ db, principal });
const DAY = 86_400_000;

/** The month `back` months before the current one (UTC, the test organisation's zone), as YYYY-MM and a time in it. */
function monthBack(back: number) {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  const key = first.toISOString().slice(0, 7);
  const at = (day: number, hour = 12) => new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), day, hour)).toISOString();
  return { key, at };
}

/**
 * Hand-computed month M (two months ago). List price $2.50 a credit (250 cents), no purchase
 * paid before M ended. test-large: 10 µcr per input token, 30 per output; test-small: 1 and 2.
 *
 * Spend in M: support-bot 1,000,000 in + 100,000 out on large = 13,000,000 µcr; support without an
 * agent 333,333 in on small = 333,333 µcr; sales 1,000,000 µcr. An event at 00:30 on the 1st of
 * M + 1 is not in M.
 * Support's cost: 13,333,333 µcr × 250 / 10⁶ = 3,333.33325 → 3,333 cents.
 * Support's value: tickets (400 ¢) 10 by the bot + 2.5 unattributed = 5,000; hours saved (3,333 ¢)
 * 0.333333 = 1,110.998889; together 6,110.998889 → 6,111 cents.
 * ROI = (6,111 − 3,333) / 3,333 = 0.833483… → 8,335 bps. Cost per ticket 3,333 / 12.5 = 266.64 →
 * 267; per hour 3,333 / 0.333333 = 9,999.0099… → 9,999.
 * The bot alone: 13 credits → 3,250 cents; 10 tickets → 4,000; ROI 750 / 3,250 → 2,308 bps;
 * 325 cents a ticket.
 */
describe("reports.roi, by hand", () => {
  let org: TestOrg;
  const m = monthBack(2);
  const next = monthBack(1);

  beforeAll(async () => {
    org = await createTestOrg(db, { pricesFrom: new Date(Date.now() - 120 * DAY) });
    await as(org.admin).org.updateSettings({ creditPriceMinorPerMillion: 250_000_000 });
    const metrics = as(org.admin).outcomes;
    await metrics.createMetric({ departmentId: org.departments.support, slug: "tickets", name: "Tickets deflected", unit: "ticket", valuePerUnitMinor: 400 });
    await metrics.createMetric({ departmentId: org.departments.support, slug: "hours", name: "Hours saved", unit: "hour", valuePerUnitMinor: 3_333 });
    await metrics.createMetric({ departmentId: org.departments.sales, slug: "leads", name: "Leads", unit: "lead", valuePerUnitMinor: 2_500 });
    await as(org.apiKey).usage.recordBatch({
      events: [
        { idempotencyKey: "bot", timestamp: m.at(10), model: "test-large", inputTokens: 1_000_000, outputTokens: 100_000, agent: "support-bot" },
        { idempotencyKey: "desk", timestamp: m.at(20), model: "test-small", inputTokens: 333_333, department: "support" },
        { idempotencyKey: "sales", timestamp: m.at(15), model: "test-small", inputTokens: 1_000_000, agent: "sales-bot" },
        { idempotencyKey: "next", timestamp: next.at(1, 0), model: "test-large", inputTokens: 1_000_000, agent: "support-bot" },
      ],
    });
    const record = as(org.apiKey).outcomes.record;
    await record({ idempotencyKey: "t1", metric: "tickets", quantity: 10, agent: "support-bot", timestamp: m.at(12) });
    await record({ idempotencyKey: "t2", metric: "tickets", quantity: "2.5", timestamp: m.at(25) });
    await record({ idempotencyKey: "h1", metric: "hours", quantity: "0.333333", timestamp: m.at(28) });
    await record({ idempotencyKey: "l1", metric: "leads", quantity: 2, agent: "sales-bot", timestamp: m.at(16) });
    await record({ idempotencyKey: "t-next", metric: "tickets", quantity: 1000, timestamp: next.at(2) });
  });

  it("gives the month's cost, value, ROI and cost per outcome for the department and its agent", async () => {
    const report = await as(org.finance).reports.roi({ fromMonth: m.key, toMonth: m.key });
    expect(report.creditPrices).toEqual([{ month: m.key, source: "list", minor: "250000000", perMicros: "1000000000000" }]);
    const support = report.departments.find((d) => d.departmentId === org.departments.support)!;
    expect(support.months).toEqual([
      {
        month: m.key,
        chargedMicros: 13_333_333,
        costMinor: 3_333,
        valueMinor: 6_111,
        netMinor: 2_778,
        roiBps: 8_335,
        outcomes: [
          { metricId: expect.any(String), metric: "Hours saved", unit: "hour", quantityMicros: 333_333, valueMinor: 1_111, costPerUnitMinor: 9_999 },
          { metricId: expect.any(String), metric: "Tickets deflected", unit: "ticket", quantityMicros: 12_500_000, valueMinor: 5_000, costPerUnitMinor: 267 },
        ],
      },
    ]);
    expect(support.agents).toHaveLength(1);
    expect(support.agents[0]!.months[0]).toMatchObject({ chargedMicros: 13_000_000, costMinor: 3_250, valueMinor: 4_000, roiBps: 2_308 });
    expect(support.agents[0]!.months[0]!.outcomes).toMatchObject([{ metric: "Tickets deflected", costPerUnitMinor: 325 }]);
    const sales = report.departments.find((d) => d.departmentId === org.departments.sales)!;
    // 1 credit → 250 cents; 2 leads → 5,000 cents; ROI 4,750 / 250 = 19 → 190,000 bps.
    expect(sales.total).toEqual({ chargedMicros: 1_000_000, costMinor: 250, valueMinor: 5_000, netMinor: 4_750, roiBps: 190_000 });
  });

  it("prices a month at what the organisation paid per credit once a purchase is paid", async () => {
    await as(org.finance).purchases.updateSettings({ volumeTiers: [{ fromMicros: 1, priceMinorPerMillion: 200_000_000 }] });
    const { purchase } = await as(org.admin).purchases.create({ idempotencyKey: "buy", creditsMicros: 1_000 * 1_000_000 });
    await as(org.finance).purchases.markPaid({ purchaseId: purchase.id });
    const now = monthBack(0);
    await as(org.apiKey).usage.record({ idempotencyKey: "now", model: "test-large", inputTokens: 100_000, agent: "support-bot" });
    const report = await as(org.admin).reports.roi({ fromMonth: m.key, toMonth: now.key });
    expect(report.creditPrices.map((p) => p.source)).toEqual(["list", "list", "purchases"]);
    expect(report.creditPrices.at(-1)).toMatchObject({ minor: "200000", perMicros: "1000000000" });
    const support = report.departments.find((d) => d.departmentId === org.departments.support)!;
    // The first micro-credit at the list price, the rest at $2.00: net 199,999.99805 → 200,000 cents for 1,000 credits.
    // 1 credit at that = 200 cents; M still at the list price.
    expect(support.months.at(-1)).toMatchObject({ chargedMicros: 1_000_000, costMinor: 200 });
    expect(support.months[0]).toMatchObject({ costMinor: 3_333 });
    // M + 1: the bot's 10,000,000 µcr at the list price = 2,500 cents; 1,000 tickets = 400,000 cents.
    expect(support.months[1]).toMatchObject({ chargedMicros: 10_000_000, costMinor: 2_500, valueMinor: 400_000, roiBps: 1_590_000 });
  });

  it("a department head gets only their departments, and is refused another", async () => {
    const report = await as(org.supportHead).reports.roi({ fromMonth: m.key, toMonth: m.key });
    expect(report.departments.map((d) => d.departmentId)).toEqual([org.departments.support]);
    expect(await outcomeOf(as(org.supportHead).reports.roi({ departmentIds: [org.departments.sales] }))).toBe("FORBIDDEN");
    expect(await outcomeOf(as(org.member).reports.roi({}))).toBe("FORBIDDEN");
    const salesKey = await org.keyWith(["reports:read"], org.departments.sales);
    expect((await as(salesKey).reports.roi({ fromMonth: m.key, toMonth: m.key })).departments.map((d) => d.departmentId)).toEqual([org.departments.sales]);
  });

  it("refuses a bad month range", async () => {
    expect(await outcomeOf(as(org.admin).reports.roi({ fromMonth: "2026-13" }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(as(org.admin).reports.roi({ fromMonth: "2026-05", toMonth: "2026-04" }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(as(org.admin).reports.roi({ fromMonth: "2020-01", toMonth: "2026-01" }))).toBe("INVALID_INPUT");
  });

  it("another organisation sees none of it", async () => {
    const other = await createTestOrg(db);
    const report = await as(other.admin).reports.roi({ fromMonth: m.key, toMonth: m.key });
    expect(report.departments.every((d) => d.total.chargedMicros === 0 && d.total.valueMinor === 0)).toBe(true);
    expect(await outcomeOf(as(other.admin).reports.roi({ departmentIds: [org.departments.support] }))).toBe("ok");
  });
});
