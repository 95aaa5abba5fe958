/**
 * Spend forecasts from a daily series, with a range. Pure arithmetic (no database, no clock).
 *
 * Method: an ordinary least-squares line through the daily totals of the last complete days (from
 * the first day with spend, at most LOOKBACK_DAYS), or their mean when fewer than MIN_TREND_DAYS
 * are known — a slope from a handful of days is noise. The rate is never projected below zero.
 * The range is a 90 % prediction interval (Student's t) assuming independent, normally distributed
 * daily deviations around the line: for spend over H days, sd = σ·√(H + H²/n + H²·(t̄_H − t̄)²/Sxx)
 * (the days' own noise plus the uncertainty of the fitted level and slope), σ being the residual
 * standard deviation. Weekly seasonality is not modelled: it widens σ instead.
 *
 * Figures are estimates, computed in floating point and rounded to whole micro-credits at the end;
 * they never touch the ledger. Tolerance (tests/unit/forecast.test.ts): on synthetic linear series
 * with 10 % daily noise and 28 days of history, the 90 % range holds the realised spend of the next
 * 30 days in 85–95 % of cases, and the expected figure is within 15 % of it in at least 90 %.
 */

export const LOOKBACK_DAYS = 28;
export const MIN_TREND_DAYS = 7;
/** Two-sided 90 %: the normal quantile, widened to Student's t for the residuals' degrees of freedom. */
const Z = 1.645;
function quantile90(degreesOfFreedom: number): number {
  if (degreesOfFreedom < 1) return Z;
  // Cornish–Fisher expansion of t's quantile around the normal one (within 0.5 % from 3 degrees of freedom).
  const v = degreesOfFreedom;
  return Z + (Z ** 3 + Z) / (4 * v) + (5 * Z ** 5 + 16 * Z ** 3 + 3 * Z) / (96 * v * v);
}
/** How far ahead a "runs out" date is looked for. */
const MAX_REACH_DAYS = 366;
const STEPS_PER_DAY = 24;

export interface ForecastInput {
  /** Spend (µcr) of each complete day before today, oldest first, zero days included. */
  history: number[];
  /** Fraction of today already past, 0 ≤ e < 1 (today's spend so far is actual, not forecast). */
  todayElapsed: number;
  /** Days from now to the end of the period forecast, fractional; 0 when it has ended. */
  horizonDays: number;
  /** Credits (µcr) left before a limit or the balance is reached; omit for no reach date. */
  remainingMicros?: number;
}

export interface MicrosRange {
  expected: number;
  low: number;
  high: number;
}

export interface Forecast {
  method: "linear-trend" | "mean" | "no-history";
  /** The complete days the forecast rests on. */
  basedOnDays: number;
  /** Spend expected over the next 24 hours. */
  dailyRate: MicrosRange;
  /** Spend expected from now to the horizon. */
  toHorizon: MicrosRange;
  /**
   * Days from now until `remainingMicros` is spent: expected, earliest (high end of the range) and
   * latest (low end); null when not within a year (or no remaining amount was given).
   */
  reach: { expected: number | null; earliest: number | null; latest: number | null };
}

interface Fit {
  /** The interval's multiplier of the standard deviation. */
  q: number;
  level: number;
  slope: number;
  sigma: number;
  n: number;
  meanT: number;
  sxx: number;
}

function fit(series: number[]): Fit {
  const n = series.length;
  const meanT = (n - 1) / 2;
  const meanY = series.reduce((sum, y) => sum + y, 0) / n;
  if (n < MIN_TREND_DAYS) {
    const variance = n > 1 ? series.reduce((sum, y) => sum + (y - meanY) ** 2, 0) / (n - 1) : meanY ** 2;
    return { q: quantile90(n - 1), level: meanY, slope: 0, sigma: Math.sqrt(variance), n, meanT, sxx: Infinity };
  }
  let sxx = 0;
  let sxy = 0;
  for (const [t, y] of series.entries()) {
    sxx += (t - meanT) ** 2;
    sxy += (t - meanT) * (y - meanY);
  }
  const slope = sxy / sxx;
  const level = meanY - slope * meanT;
  const sse = series.reduce((sum, y, t) => sum + (y - (level + slope * t)) ** 2, 0);
  return { q: quantile90(n - 2), level, slope, sigma: Math.sqrt(sse / (n - 2)), n, meanT, sxx };
}

/** The spend rate (µcr/day) at instant t; day i's total is the rate integrated over [i, i + 1), so the line's value i sits at i + ½. */
const rateAt = (f: Fit, t: number) => Math.max(0, f.level + f.slope * (t - 0.5));

/** Expected spend and its standard deviation over [start, start + days) (t in days since the series began). */
function over(f: Fit, start: number, days: number): { expected: number; sd: number } {
  if (days <= 0) return { expected: 0, sd: 0 };
  const steps = Math.max(1, Math.ceil(days * STEPS_PER_DAY));
  const dt = days / steps;
  let expected = 0;
  for (let i = 0; i < steps; i++) expected += rateAt(f, start + (i + 0.5) * dt) * dt;
  return { expected, sd: sdOver(f, start, days) };
}

function sdOver(f: Fit, start: number, days: number): number {
  const slopeTerm = Number.isFinite(f.sxx) ? (days * (start + days / 2 - 0.5 - f.meanT)) ** 2 / f.sxx : 0;
  return f.sigma * Math.sqrt(days + (days * days) / f.n + slopeTerm);
}

/** Whole micro-credits, within what a JavaScript number holds exactly (a runaway extrapolation is capped). */
const micros = (value: number) => Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.round(value)));

const range = (f: Fit, { expected, sd }: { expected: number; sd: number }): MicrosRange => ({
  expected: micros(expected),
  low: micros(expected - f.q * sd),
  high: micros(expected + f.q * sd),
});

/** When cumulative spend from `start` (by `bound`: -1 low, 0 expected, +1 high) first reaches `remaining`, in days. */
function reachDays(f: Fit, start: number, remaining: number, bound: -1 | 0 | 1): number | null {
  if (remaining <= 0) return 0;
  const dt = 1 / STEPS_PER_DAY;
  let cumulative = 0;
  for (let step = 1; step <= MAX_REACH_DAYS * STEPS_PER_DAY; step++) {
    cumulative += rateAt(f, start + (step - 0.5) * dt) * dt;
    if (cumulative + bound * f.q * sdOver(f, start, step * dt) >= remaining) return step * dt;
  }
  return null;
}

export function forecastSpend(input: ForecastInput): Forecast {
  const firstSpend = input.history.findIndex((micros) => micros > 0);
  const series = firstSpend < 0 ? [] : input.history.slice(firstSpend).slice(-LOOKBACK_DAYS);
  const none = { expected: 0, low: 0, high: 0 };
  if (series.length === 0) {
    return { method: "no-history", basedOnDays: 0, dailyRate: none, toHorizon: none, reach: { expected: null, earliest: null, latest: null } };
  }
  const f = fit(series);
  const now = series.length + input.todayElapsed;
  const remaining = input.remainingMicros;
  return {
    method: series.length < MIN_TREND_DAYS ? "mean" : "linear-trend",
    basedOnDays: series.length,
    dailyRate: range(f, over(f, now, 1)),
    toHorizon: range(f, over(f, now, input.horizonDays)),
    reach:
      remaining === undefined
        ? { expected: null, earliest: null, latest: null }
        : { expected: reachDays(f, now, remaining, 0), earliest: reachDays(f, now, remaining, 1), latest: reachDays(f, now, remaining, -1) },
  };
}
