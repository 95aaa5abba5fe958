import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../server/auth/principal";
import { createCaller } from "../../server/api/root";
import { addDays, dateIn } from "../../server/reports/report-clock";
import { outcomeOf } from "../support/api-errors";
import { HOUR_MS } from "../support/budget-fixtures";
import { useTestDatabase } from "../support/database";
import { createReportOrg, type ReportOrg } from "../support/report-fixtures";

/**
 * reports.usage and reports.projection read the rollups: buckets in the organisation's zone,
 * splits by any dimension with names, filters, "other" beyond the top series, and a projection
 * whose burn matches a steady history. Event costs are exact: test-small costs 1 µcr per input token.
 */
const db = useTestDatabase(4);
const ZONE = "America/New_York";
const as = (principal: Principal) => createCaller({ db, principal });
const DAY_MS = 24 * HOUR_MS;

let org: ReportOrg;
/** When each event happened, with what it cost. */
const recorded: { at: Date; micros: number; agent?: string; user?: string }[] = [];

beforeAll(async () => {
  org = await createReportOrg(db, ZONE);
  const now = Date.now();
  const events = [];
  // Seven full days back, 3 events a day (bot 1,000 µcr for ana, closer 2,000 for ben, 500 unattributed), plus today.
  for (let day = 0; day <= 7; day++) {
    for (const [i, spec] of [
      { agent: "bot", user: "ana@example.test", micros: 1_000 },
      { agent: "closer", user: "BEN@example.test", micros: 2_000 },
      { micros: 500 },
    ].entries()) {
      const at = new Date(now - day * DAY_MS - i * 60_000 - 60_000);
      recorded.push({ at, ...spec });
      events.push({ idempotencyKey: `d${day}-${i}`, timestamp: at.toISOString(), model: "test-small", inputTokens: spec.micros, agent: spec.agent, user: spec.user });
    }
  }
  await as(org.principal).usage.recordBatch({ events });
});

const today = () => dateIn(new Date(), ZONE);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("reports.usage", () => {
  it("buckets spend by day, week and month in the organisation's zone, each summing to the totals", async () => {
    const from = addDays(today(), -10);
    const expectedByDay = new Map<string, number>();
    for (const event of recorded) expectedByDay.set(dateIn(event.at, ZONE), (expectedByDay.get(dateIn(event.at, ZONE)) ?? 0) + event.micros);
    const daily = await as(org.admin).reports.usage({ from, to: today(), granularity: "day" });
    expect(new Map(daily.series.map((point) => [point.bucket, point.chargedMicros]))).toEqual(expectedByDay);
    expect(daily.totals).toMatchObject({ events: recorded.length, chargedMicros: sum(recorded.map((e) => e.micros)), inputTokens: sum(recorded.map((e) => e.micros)) });
    for (const granularity of ["week", "month"] as const) {
      const report = await as(org.admin).reports.usage({ from, to: today(), granularity });
      expect(sum(report.series.map((point) => point.chargedMicros))).toBe(daily.totals.chargedMicros);
      expect(report.series.every((point) => (granularity === "month" ? point.bucket.endsWith("-01") : new Date(`${point.bucket}T12:00:00Z`).getUTCDay() === 1))).toBe(true);
    }
    const hourly = await as(org.admin).reports.usage({ from: addDays(today(), -1), to: today(), granularity: "hour" });
    expect(hourly.series.length).toBeGreaterThan(0);
    expect(hourly.series.every((point) => /^\d{4}-\d{2}-\d{2}T\d{2}:00$/.test(point.bucket))).toBe(true);
    expect(hourly.totals.events).toBe(recorded.filter((e) => dateIn(e.at, ZONE) >= addDays(today(), -1)).length);
  });

  it("splits by a dimension with names, keeps the top series and sums the rest as other", async () => {
    const report = await as(org.admin).reports.usage({ from: addDays(today(), -10), to: today(), breakdown: "agent", seriesTop: 1 });
    expect(report.breakdown.map(({ key, label, chargedMicros }) => ({ key, label, chargedMicros }))).toEqual([
      { key: org.ids.closer, label: "Closer", chargedMicros: 16_000 },
      { key: org.ids.bot, label: "Bot", chargedMicros: 8_000 },
      { key: null, label: null, chargedMicros: 4_000 },
    ]);
    const kept = report.series.filter((point) => !point.other);
    expect(new Set(kept.map((point) => point.label))).toEqual(new Set(["Closer"]));
    expect(sum(report.series.filter((point) => point.other).map((point) => point.chargedMicros))).toBe(12_000);
    expect(report.topSpenders.users.map((row) => [row.key, row.chargedMicros])).toEqual([
      ["BEN@example.test", 16_000],
      ["ana@example.test", 8_000],
      [null, 4_000],
    ]);
  });

  it("filters on any dimension (users whatever their case) and refuses impossible ranges", async () => {
    const range = { from: addDays(today(), -10), to: today() };
    const ben = await as(org.admin).reports.usage({ ...range, filter: { user: ["ben@EXAMPLE.test"] } });
    expect(ben.totals).toMatchObject({ events: 8, chargedMicros: 16_000 });
    const support = await as(org.admin).reports.usage({ ...range, breakdown: "project", filter: { department: [org.ids.support], model: ["test-small"] } });
    expect(support.breakdown.map((row) => [row.label, row.events])).toEqual([["Desk", 8]]);
    expect((await as(org.admin).reports.usage({ ...range, filter: { taskType: ["none-such"] } })).totals.events).toBe(0);
    expect(await outcomeOf(as(org.admin).reports.usage({ from: addDays(today(), -40), to: today(), granularity: "hour" }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(as(org.admin).reports.usage({ from: today(), to: addDays(today(), -1) }))).toBe("INVALID_INPUT");
  });
});

describe("reports.projection", () => {
  it("projects the steady daily burn with a range, and when the balance runs out", async () => {
    const projection = await as(org.admin).reports.projection({ period: "month" });
    // 3,500 µcr every complete day: a flat line through 7 days.
    expect(projection).toMatchObject({ method: "linear-trend", confidencePercent: 90 });
    expect(projection.basedOnDays).toBeGreaterThanOrEqual(7);
    expect(projection.dailyRate.expected).toBeGreaterThanOrEqual(3_000);
    expect(projection.dailyRate.expected).toBeLessThanOrEqual(4_000);
    expect(projection.periodEnd.low).toBeLessThanOrEqual(projection.periodEnd.expected);
    expect(projection.periodEnd.expected).toBeLessThanOrEqual(projection.periodEnd.high);
    expect(projection.periodEnd.low).toBeGreaterThanOrEqual(projection.spentMicros);
    const balance = projection.balance!;
    expect(balance.availableMicros).toBe(1_000_000_000 - sum(recorded.map((e) => e.micros)));
    // ~1e9 µcr at ~3,500 a day is centuries away: not within the year looked at.
    expect(balance.runsOut.expected).toBeNull();
    expect(balance.beforePeriodEnd).toBe(false);
    const week = await as(org.admin).reports.projection({ period: "week", filter: { agent: [org.ids.bot] } });
    expect(week.balance).toBeNull();
    expect(Date.parse(week.period.end) - Date.parse(week.period.start)).toBeGreaterThanOrEqual(7 * DAY_MS - HOUR_MS);
  });
});
