import { z } from "zod";
import type { Database } from "../../db/client";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { calendarPeriods } from "../budgets/periods";
import { getCreditBalance } from "../ledger/balance";
import { forecastSpend, LOOKBACK_DAYS, type Forecast, type MicrosRange } from "./forecast";
import { addDays, dateIn, reportClock, type ReportClock } from "./report-clock";
import { reportFilterSchema, spendSeries, type ReportFilter } from "./rollups";

export const projectionInputSchema = z.object({
  period: z.enum(["day", "week", "month", "quarter", "year"]).default("month"),
  filter: reportFilterSchema.default({}),
});
export type ProjectionInput = z.input<typeof projectionInputSchema>;

/** When a remaining amount is projected to be spent, as instants: expected, earliest, latest (null: not within a year). */
export interface ReachDates {
  expected: string | null;
  earliest: string | null;
  latest: string | null;
}

export interface SpendProjection {
  timeZone: string;
  now: string;
  period: { kind: string; start: string; end: string };
  /** Charged so far in the period. */
  spentMicros: number;
  method: Forecast["method"];
  basedOnDays: number;
  confidencePercent: 90;
  /** Spend expected over the next 24 hours. */
  dailyRate: MicrosRange;
  /** Spend by the end of the period (what is spent plus what is projected). */
  periodEnd: MicrosRange;
  /** When the organisation's available credits run out at this burn (only for who sees all spend, unfiltered). */
  balance: { availableMicros: number; runsOut: ReachDates; beforePeriodEnd: boolean } | null;
}

/**
 * The forecast of `filter`'s spend to `horizonEnd` from the last LOOKBACK_DAYS complete days, and
 * what was charged from the day `since` to now — both from one read of the daily rollup.
 */
export async function forecastFor(
  db: DbOrTx,
  principal: Principal,
  filter: ReportFilter,
  clock: ReportClock,
  horizonEnd: Date,
  remainingMicros?: number,
  since: string = clock.today,
): Promise<{ forecast: Forecast; chargedSinceMicros: number }> {
  const lookbackFrom = addDays(clock.today, -LOOKBACK_DAYS);
  const from = since < lookbackFrom ? since : lookbackFrom;
  const points = await spendSeries(db, principal, { range: { from, to: clock.today }, granularity: "day", filter, top: 1 });
  const byDay = new Map(points.map((point) => [point.bucket, point.chargedMicros]));
  const history = Array.from({ length: LOOKBACK_DAYS }, (_, i) => byDay.get(addDays(lookbackFrom, i)) ?? 0);
  const chargedSinceMicros = points.filter((point) => point.bucket >= since).reduce((sum, point) => sum + point.chargedMicros, 0);
  const horizonDays = Math.max(0, (horizonEnd.getTime() - clock.now.getTime()) / 86_400_000);
  return { forecast: forecastSpend({ history, todayElapsed: clock.todayElapsed, horizonDays, remainingMicros }), chargedSinceMicros };
}

const instantAfter = (now: Date, days: number | null) => (days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString());

/** A forecast's reach (days from now) as instants. */
export const reachDates = (now: Date, reach: Forecast["reach"]): ReachDates => ({
  expected: instantAfter(now, reach.expected),
  earliest: instantAfter(now, reach.earliest),
  latest: instantAfter(now, reach.latest),
});

const seesAllSpend = (principal: Principal) =>
  principal.kind === "apiKey" ? principal.departmentId === null : principal.role === "admin" || principal.role === "finance";

/**
 * Burn rate, spend projected to the end of the calendar period (in the organisation's zone) and —
 * for administrators, finance and organisation-wide keys, without filters — when the available
 * balance runs out; each with a 90 % range (method: server/reports/forecast.ts).
 */
export async function projectSpend(db: Database, principal: Principal, input: ProjectionInput): Promise<SpendProjection> {
  const { period: kind, filter } = projectionInputSchema.parse(input);
  const clock = await reportClock(db, principal.orgId);
  const [period] = await calendarPeriods(db, clock.timeZone, [{ period: kind, at: clock.now }]);
  const unfiltered = Object.values(filter).every((values) => !values || values.length === 0);
  const balance = unfiltered && seesAllSpend(principal) ? await getCreditBalance(db, principal.orgId) : null;
  const { forecast, chargedSinceMicros: spentMicros } = await forecastFor(
    db,
    principal,
    filter,
    clock,
    period!.end,
    balance?.availableMicros,
    dateIn(period!.start, clock.timeZone),
  );
  const runsOut = reachDates(clock.now, forecast.reach);
  return {
    timeZone: clock.timeZone,
    now: clock.now.toISOString(),
    period: { kind, start: period!.start.toISOString(), end: period!.end.toISOString() },
    spentMicros,
    method: forecast.method,
    basedOnDays: forecast.basedOnDays,
    confidencePercent: 90,
    dailyRate: forecast.dailyRate,
    periodEnd: {
      expected: spentMicros + forecast.toHorizon.expected,
      low: spentMicros + forecast.toHorizon.low,
      high: spentMicros + forecast.toHorizon.high,
    },
    balance: balance && {
      availableMicros: balance.availableMicros,
      runsOut,
      beforePeriodEnd: runsOut.expected !== null && runsOut.expected < period!.end.toISOString(),
    },
  };
}
