import { describe, expect, it } from "vitest";
import { outcomeOf } from "../support/api-errors";
import { createBackdatedOrg } from "../support/budget-backdated-org";
import { callerFor, HOUR_MS, periodTotals, spendEvent } from "../support/budget-fixtures";
import { failureOf } from "../support/db-errors";
import { useTestDatabase } from "../support/database";

/**
 * The period an event counts in: the calendar period (in the organisation's time zone, computed by
 * PostgreSQL) containing the event's timestamp, or a fixed custom window [start, end).
 */
const db = useTestDatabase(4);
const PRICES_FROM = new Date("2025-01-01T00:00:00.000Z");

type CalendarPeriod = "day" | "week" | "month" | "quarter" | "year";

interface BoundaryCase {
  timeZone: string;
  period: CalendarPeriod;
  /** Local timestamps with their offsets, and what each costs (distinct powers of ten, so each sum names its events). */
  events: [timestamp: string, micros: number][];
  /** The periods as stored: [start, end, spent]. */
  periods: [start: string, end: string, spentMicros: number][];
  /** Hours from start to end, period by period. */
  hours?: number[];
}

const CASES: Record<string, BoundaryCase> = {
  "New York: 23:59:59.999 and the next midnight are different days": {
    timeZone: "America/New_York",
    period: "day",
    events: [
      ["2026-11-23T23:59:59.999-05:00", 1],
      ["2026-11-24T00:00:00.000-05:00", 10],
    ],
    periods: [
      ["2026-11-23T05:00:00.000Z", "2026-11-24T05:00:00.000Z", 1],
      ["2026-11-24T05:00:00.000Z", "2026-11-25T05:00:00.000Z", 10],
    ],
  },
  "London in summer time: local midnight, not UTC midnight, separates the days": {
    timeZone: "Europe/London",
    period: "day",
    events: [
      ["2026-07-14T23:59:59.999+01:00", 1],
      ["2026-07-15T00:00:00.000+01:00", 10],
    ],
    periods: [
      ["2026-07-13T23:00:00.000Z", "2026-07-14T23:00:00.000Z", 1],
      ["2026-07-14T23:00:00.000Z", "2026-07-15T23:00:00.000Z", 10],
    ],
  },
  "New York, 2026-03-08: the clocks go forward, the day has 23 hours": {
    timeZone: "America/New_York",
    period: "day",
    events: [
      ["2026-03-07T23:59:59.999-05:00", 1],
      ["2026-03-08T01:59:59.999-05:00", 10],
      ["2026-03-08T03:00:00.000-04:00", 100],
      ["2026-03-08T23:59:59.999-04:00", 1_000],
      ["2026-03-09T00:00:00.000-04:00", 10_000],
    ],
    periods: [
      ["2026-03-07T05:00:00.000Z", "2026-03-08T05:00:00.000Z", 1],
      ["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z", 1_110],
      ["2026-03-09T04:00:00.000Z", "2026-03-10T04:00:00.000Z", 10_000],
    ],
    hours: [24, 23, 24],
  },
  "London, 2026-10-25: the clocks go back, the day has 25 hours": {
    timeZone: "Europe/London",
    period: "day",
    events: [
      ["2026-10-24T23:59:59.999+01:00", 1],
      ["2026-10-25T01:59:59.999+01:00", 10],
      // The second 01:00 of the day, once the clocks went back.
      ["2026-10-25T01:00:00.000+00:00", 100],
      ["2026-10-25T23:59:59.999+00:00", 1_000],
      ["2026-10-26T00:00:00.000+00:00", 10_000],
    ],
    periods: [
      ["2026-10-23T23:00:00.000Z", "2026-10-24T23:00:00.000Z", 1],
      ["2026-10-24T23:00:00.000Z", "2026-10-26T00:00:00.000Z", 1_110],
      ["2026-10-26T00:00:00.000Z", "2026-10-27T00:00:00.000Z", 10_000],
    ],
    hours: [24, 25, 24],
  },
  "Santiago, 2026-09-06: the clocks go forward at midnight, the day has 23 hours and ends where the next begins": {
    timeZone: "America/Santiago",
    period: "day",
    events: [
      ["2026-09-05T23:59:59.999-04:00", 1],
      // Local midnight does not exist that day: it starts at 01:00.
      ["2026-09-06T01:00:00.000-03:00", 10],
      ["2026-09-06T23:59:59.999-03:00", 100],
      ["2026-09-07T00:00:00.000-03:00", 1_000],
    ],
    periods: [
      ["2026-09-05T04:00:00.000Z", "2026-09-06T04:00:00.000Z", 1],
      ["2026-09-06T04:00:00.000Z", "2026-09-07T03:00:00.000Z", 110],
      ["2026-09-07T03:00:00.000Z", "2026-09-08T03:00:00.000Z", 1_000],
    ],
    hours: [24, 23, 24],
  },
  "New York weeks start on Monday (this one spans the end of summer time)": {
    timeZone: "America/New_York",
    period: "week",
    events: [
      ["2026-10-26T00:00:00.000-04:00", 1],
      ["2026-11-01T23:59:59.999-05:00", 10],
      ["2026-11-02T00:00:00.000-05:00", 100],
    ],
    periods: [
      ["2026-10-26T04:00:00.000Z", "2026-11-02T05:00:00.000Z", 11],
      ["2026-11-02T05:00:00.000Z", "2026-11-09T05:00:00.000Z", 100],
    ],
    hours: [7 * 24 + 1, 7 * 24],
  },
  "New York months": {
    timeZone: "America/New_York",
    period: "month",
    events: [
      ["2026-09-30T23:59:59.999-04:00", 1],
      ["2026-10-01T00:00:00.000-04:00", 10],
      ["2026-10-31T23:59:59.999-04:00", 100],
    ],
    periods: [
      ["2026-09-01T04:00:00.000Z", "2026-10-01T04:00:00.000Z", 1],
      ["2026-10-01T04:00:00.000Z", "2026-11-01T04:00:00.000Z", 110],
    ],
  },
  "New York quarters": {
    timeZone: "America/New_York",
    period: "quarter",
    events: [
      ["2026-07-01T00:00:00.000-04:00", 1],
      ["2026-09-30T23:59:59.999-04:00", 10],
      ["2026-10-01T00:00:00.000-04:00", 100],
    ],
    periods: [
      ["2026-07-01T04:00:00.000Z", "2026-10-01T04:00:00.000Z", 11],
      ["2026-10-01T04:00:00.000Z", "2027-01-01T05:00:00.000Z", 100],
    ],
  },
  "London quarters across the start of summer time": {
    timeZone: "Europe/London",
    period: "quarter",
    events: [
      ["2026-03-31T23:59:59.999+01:00", 1],
      ["2026-04-01T00:00:00.000+01:00", 10],
    ],
    periods: [
      ["2026-01-01T00:00:00.000Z", "2026-03-31T23:00:00.000Z", 1],
      ["2026-03-31T23:00:00.000Z", "2026-06-30T23:00:00.000Z", 10],
    ],
  },
  "New York years": {
    timeZone: "America/New_York",
    period: "year",
    events: [
      ["2025-12-31T23:59:59.999-05:00", 1],
      ["2026-01-01T00:00:00.000-05:00", 10],
    ],
    periods: [
      ["2025-01-01T05:00:00.000Z", "2026-01-01T05:00:00.000Z", 1],
      ["2026-01-01T05:00:00.000Z", "2027-01-01T05:00:00.000Z", 10],
    ],
  },
};

describe("calendar periods in the organisation's time zone", () => {
  for (const [name, boundary] of Object.entries(CASES)) {
    it(name, async () => {
      const org = await createBackdatedOrg(db, { timeZone: boundary.timeZone, pricesFrom: PRICES_FROM });
      const budget = await callerFor(db, org.admin).budgets.create({
        name: `${boundary.period} budget`,
        scope: "organization",
        period: boundary.period,
        limitMicros: 1_000_000,
      });
      const events = boundary.events.map(([timestamp, micros], index) => spendEvent(`e${index}`, micros, { timestamp }));
      await callerFor(db, org.apiKey).usage.recordBatch({ events });

      const stored = await periodTotals(db, org.orgId, budget.id);
      expect(stored.map((row) => [row.start, row.end, row.spentMicros])).toEqual(boundary.periods);
      expect(stored.every((row) => row.heldMicros === 0)).toBe(true);
      if (boundary.hours) {
        expect(stored.map((row) => (Date.parse(row.end) - Date.parse(row.start)) / HOUR_MS)).toEqual(boundary.hours);
      }
    });
  }
});

describe("events stamped in another period", () => {
  it("count in the period of their timestamp: a full yesterday refuses, today does not", async () => {
    const org = await createBackdatedOrg(db, { timeZone: "America/New_York", pricesFrom: PRICES_FROM });
    const api = callerFor(db, org.apiKey);
    const budget = await callerFor(db, org.admin).budgets.create({
      name: "Daily pause",
      scope: "organization",
      period: "day",
      limitMicros: 1_000,
      mode: "pause",
    });
    const [today] = (await api.budgets.status({})).budgets;
    const todayStart = today!.periodStart!;
    const lastMomentOfYesterday = new Date(todayStart.getTime() - 1).toISOString();

    await api.usage.record(spendEvent("yesterday-full", 1_000, { timestamp: lastMomentOfYesterday }));
    const refused = await failureOf(api.usage.record(spendEvent("yesterday-over", 1, { timestamp: lastMomentOfYesterday })));
    expect(refused).toMatchObject({ appCode: "BUDGET_EXHAUSTED", details: { budgetId: budget.id, spentMicros: 1_000, requiredMicros: 1 } });
    // Today (the database's clock, no timestamp) still has its whole limit.
    await api.usage.record(spendEvent("today", 1_000));

    const stored = await periodTotals(db, org.orgId, budget.id);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ end: todayStart.toISOString(), spentMicros: 1_000 });
    expect(stored[1]).toMatchObject({ start: todayStart.toISOString(), end: today!.periodEnd!.toISOString(), spentMicros: 1_000 });
    expect((await api.budgets.status({})).budgets[0]).toMatchObject({ spentMicros: 1_000, remainingMicros: 0, paused: true });
  });
});

describe("custom windows", () => {
  it("apply only inside [start, end): outside it a pause budget has no effect", async () => {
    const org = await createBackdatedOrg(db, { timeZone: "Europe/London", pricesFrom: PRICES_FROM });
    const api = callerFor(db, org.apiKey);
    const budget = await callerFor(db, org.admin).budgets.create({
      name: "Launch day",
      scope: "organization",
      period: "custom",
      windowStart: "2026-06-01T00:00:00.000Z",
      windowEnd: "2026-06-02T00:00:00.000Z",
      limitMicros: 1_000,
      mode: "pause",
    });
    await api.usage.record(spendEvent("before", 5_000, { timestamp: "2026-05-31T23:59:59.999Z" }));
    await api.usage.record(spendEvent("first", 600, { timestamp: "2026-06-01T00:00:00.000Z" }));
    await api.usage.record(spendEvent("last", 400, { timestamp: "2026-06-01T23:59:59.999Z" }));
    await api.usage.record(spendEvent("after", 5_000, { timestamp: "2026-06-02T00:00:00.000Z" }));
    expect(await outcomeOf(api.usage.record(spendEvent("inside", 1, { timestamp: "2026-06-01T12:00:00.000Z" })))).toBe("BUDGET_EXHAUSTED");
    expect(await outcomeOf(api.usage.authorize({ idempotencyKey: "hold", amountMicros: 1, timestamp: "2026-06-01T12:00:00.000Z" }))).toBe(
      "BUDGET_EXHAUSTED",
    );
    // A hold stamped outside the window, like an event, is not limited by it.
    await api.usage.authorize({ idempotencyKey: "hold-now", amountMicros: 5_000 });

    expect(await periodTotals(db, org.orgId, budget.id)).toEqual([
      { start: "2026-06-01T00:00:00.000Z", end: "2026-06-02T00:00:00.000Z", spentMicros: 1_000, heldMicros: 0, resumed: false },
    ]);
    // The window is not running now: nothing counts in it, nothing is paused by it.
    expect((await api.budgets.status({})).budgets).toEqual([
      expect.objectContaining({ budgetId: budget.id, spentMicros: 0, heldMicros: 0, paused: false, periodStart: null, periodEnd: null }),
    ]);
  });
});
