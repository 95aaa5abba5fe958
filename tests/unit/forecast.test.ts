import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastSpend } from "../../server/reports/forecast";

/**
 * The stated tolerance (server/reports/forecast.ts): on synthetic linear series with 10 % daily
 * noise and 28 days of history, the 90 % range holds the realised spend of the next 30 days in
 * 85–95 % of cases and the expected figure is within 15 % of it in at least 90 %. The noise is
 * drawn from a seeded generator; replay with ALLOT_PROPERTY_SEED=<seed printed>.
 */
const seed = Number(process.env.ALLOT_PROPERTY_SEED ?? Date.now() % 2_147_483_647);

/** A standard normal draw from two uniform ones (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function seededRandom(start: number): () => number {
  let state = start >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

describe("forecastSpend", () => {
  it("lands within its stated tolerance on linear series with known trend", () => {
    console.info(`forecast: seed ${seed} (replay with ALLOT_PROPERTY_SEED=${seed})`);
    const random = seededRandom(seed);
    const TRIALS = 1_000;
    let covered = 0;
    let close = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const level = 1e8 * (1 + 9 * random());
      // From −2 % to +4 % of the level per day: falling, flat and growing spend.
      const slope = level * (-0.02 + 0.06 * random());
      const day = (t: number) => Math.max(0, level + slope * t);
      const noisy = (t: number) => Math.max(0, Math.round(day(t) * (1 + 0.1 * normal(random))));
      const history = Array.from({ length: 28 }, (_, t) => noisy(t));
      const future = Array.from({ length: 30 }, (_, k) => noisy(28 + k)).reduce((sum, y) => sum + y, 0);
      const { toHorizon, method } = forecastSpend({ history, todayElapsed: 0, horizonDays: 30 });
      expect(method).toBe("linear-trend");
      if (toHorizon.low <= future && future <= toHorizon.high) covered++;
      if (Math.abs(toHorizon.expected - future) <= 0.15 * future) close++;
    }
    console.info(`forecast: range held the outcome in ${covered}/${TRIALS}, expected within 15 % in ${close}/${TRIALS}`);
    expect(covered / TRIALS).toBeGreaterThanOrEqual(0.85);
    expect(covered / TRIALS).toBeLessThanOrEqual(0.95);
    expect(close / TRIALS).toBeGreaterThanOrEqual(0.9);
  });

  it("projects a noiseless trend exactly and finds when a remaining amount is reached", () => {
    // 1,000 µcr on day 0, +100 per day: day 28 costs 3,800, days 28 and 29 together 7,700.
    const history = Array.from({ length: 28 }, (_, t) => 1_000 + 100 * t);
    const forecast = forecastSpend({ history, todayElapsed: 0, horizonDays: 2, remainingMicros: 7_700 });
    expect(forecast.toHorizon).toEqual({ expected: 7_700, low: 7_700, high: 7_700 });
    expect(forecast.dailyRate.expected).toBe(3_800);
    expect(forecast.reach.expected).toBeCloseTo(2, 1);
    expect(forecast.reach.earliest).toBe(forecast.reach.expected);
  });

  it("uses the mean of a short history, ignores the days before the first spend, and never goes below zero", () => {
    const short = forecastSpend({ history: [0, 0, 0, 500, 700, 600], todayElapsed: 0.5, horizonDays: 10 });
    expect(short).toMatchObject({ method: "mean", basedOnDays: 3, toHorizon: { expected: 6_000 } });
    expect(short.toHorizon.low).toBeLessThan(6_000);
    expect(short.toHorizon.high).toBeGreaterThan(6_000);

    const falling = forecastSpend({ history: Array.from({ length: 10 }, (_, t) => 900 - 100 * t), todayElapsed: 0, horizonDays: 30 });
    expect(falling.dailyRate.expected).toBe(0);
    expect(falling.toHorizon.expected).toBe(0);

    expect(forecastSpend({ history: [0, 0], todayElapsed: 0.2, horizonDays: 5, remainingMicros: 1 })).toMatchObject({
      method: "no-history",
      reach: { expected: null },
    });
  });

  it("keeps its range ordered and its figures whole micro-credits for any series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e12 }), { maxLength: 60 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (history, todayElapsed, horizonDays) => {
          const { dailyRate, toHorizon } = forecastSpend({ history, todayElapsed, horizonDays });
          for (const r of [dailyRate, toHorizon]) {
            expect(r.low).toBeLessThanOrEqual(r.expected);
            expect(r.expected).toBeLessThanOrEqual(r.high);
            expect(r.low).toBeGreaterThanOrEqual(0);
            expect([r.low, r.expected, r.high].every(Number.isSafeInteger)).toBe(true);
          }
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});
