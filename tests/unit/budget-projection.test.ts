import { describe, expect, it } from "vitest";
import { burnRatePerHour, projectedExhaustion } from "../../server/budgets/projection";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const periodStart = new Date("2026-11-01T00:00:00.000Z");
const periodEnd = new Date("2026-12-01T00:00:00.000Z");
const after = (ms: number) => new Date(periodStart.getTime() + ms);
const project = (spentMicros: number, limitMicros: number, now: Date) => projectedExhaustion({ spentMicros, limitMicros, periodStart, periodEnd, now });

describe("projectedExhaustion: when the limit is reached at the period's average rate so far", () => {
  it("half the limit in 10 days: reached after 20 days", () => {
    expect(project(5_000, 10_000, after(10 * DAY))).toEqual(after(20 * DAY));
  });

  it("a third of the limit in 10 days: reached exactly at the period's end, which still counts", () => {
    expect(project(3_000, 9_000, after(10 * DAY))).toEqual(periodEnd);
  });

  it("a quarter in 10 days would take 40: after the period ends, so none", () => {
    expect(project(2_500, 10_000, after(10 * DAY))).toBeNull();
  });

  it("nothing spent, or no time elapsed: no projection", () => {
    expect(project(0, 10_000, after(10 * DAY))).toBeNull();
    expect(project(5_000, 10_000, periodStart)).toBeNull();
    expect(project(5_000, 10_000, after(-HOUR))).toBeNull();
  });

  it("at or past the limit: now", () => {
    const now = after(3 * DAY);
    expect(project(10_000, 10_000, now)).toEqual(now);
    expect(project(12_345, 10_000, now)).toEqual(now);
  });

  it("a projection between milliseconds falls on the millisecond before", () => {
    // 3 of 10 in one second: the limit at 3,333.3… ms.
    expect(project(3, 10, after(1_000))?.getTime()).toBe(periodStart.getTime() + 3_333);
  });
});

describe("burnRatePerHour: micro-credits per hour since the period started, rounded to a whole one", () => {
  it("averages over the time elapsed", () => {
    expect(burnRatePerHour(7_200, periodStart, after(2 * HOUR))).toBe(3_600);
    expect(burnRatePerHour(1_000, periodStart, after(90 * 60_000))).toBe(667);
    expect(burnRatePerHour(1, periodStart, after(3 * HOUR))).toBe(0);
    expect(burnRatePerHour(2, periodStart, after(3 * HOUR))).toBe(1);
    expect(burnRatePerHour(30_000_000, periodStart, after(10 * DAY))).toBe(125_000);
  });

  it("is zero when no time has passed (or the clock is before the period)", () => {
    expect(burnRatePerHour(5_000, periodStart, periodStart)).toBe(0);
    expect(burnRatePerHour(5_000, periodStart, after(-HOUR))).toBe(0);
  });
});
