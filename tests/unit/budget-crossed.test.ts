import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { marksCrossed, type Budget } from "../../server/budgets/budget-book";

/** Replay a failure with FC_SEED=<seed>; every run logs the seed it used. */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
console.info(`budget crossed properties: fast-check seed ${seed}`);

const MAX = Number.MAX_SAFE_INTEGER;

/** Whether spend moving from `before` to `after` crosses a budget's one threshold, `percent` % of `limit` (what the budget book asks). */
const crossed = (before: number, after: number, percent: number, limit: number) =>
  marksCrossed({ thresholds: [percent], limitMicros: limit } as Budget, before, after, false).length > 0;

/** The smallest spend at or above `percent` % of `limit`, by exact integer division rounded up. */
const mark = (percent: number, limit: number) => Number((BigInt(percent) * BigInt(limit) + 99n) / 100n);

describe("marksCrossed: spend moving from below a threshold to at or above it", () => {
  it("a limit that divides by 100: 50 % of 10,000 is reached at exactly 5,000", () => {
    expect(crossed(4_999, 5_000, 50, 10_000)).toBe(true);
    expect(crossed(0, 4_999, 50, 10_000)).toBe(false);
    expect(crossed(5_000, 6_000, 50, 10_000)).toBe(false);
    expect(crossed(0, 10_000, 100, 10_000)).toBe(true);
    expect(crossed(10_000, 10_001, 100, 10_000)).toBe(false);
  });

  it("a limit that does not divide by 100: each threshold is reached at the next whole micro-credit", () => {
    // 333 × 50 % = 166.5, × 75 % = 249.75, × 90 % = 299.7.
    expect([crossed(0, 166, 50, 333), crossed(166, 167, 50, 333)]).toEqual([false, true]);
    expect([crossed(0, 249, 75, 333), crossed(249, 250, 75, 333)]).toEqual([false, true]);
    expect([crossed(0, 299, 90, 333), crossed(299, 300, 90, 333)]).toEqual([false, true]);
    expect([crossed(0, 332, 100, 333), crossed(332, 333, 100, 333)]).toEqual([false, true]);
    // 7 × 15 % = 1.05: one micro-credit is not enough, two are.
    expect([crossed(0, 1, 15, 7), crossed(1, 2, 15, 7)]).toEqual([false, true]);
    expect([crossed(0, 0, 1, 1), crossed(0, 1, 1, 1)]).toEqual([false, true]);
  });

  it("stays exact where floating point would not: 10 % of the largest safe limit", () => {
    // 9,007,199,254,740,991 / 10 = 900,719,925,474,099.1; in doubles 900,719,925,474,099 × 100 ≥ 10 × limit.
    const limit = MAX;
    const reached = 900_719_925_474_100;
    expect(mark(10, limit)).toBe(reached);
    expect(crossed(reached - 2, reached - 1, 10, limit)).toBe(false);
    expect(crossed(reached - 1, reached, 10, limit)).toBe(true);
    expect(crossed(limit - 1, limit, 100, limit)).toBe(true);
    expect(crossed(limit - 2, limit - 1, 100, limit)).toBe(false);
  });

  it("is true exactly when the threshold's first micro-credit lies in (before, after]", () => {
    const spend = fc.oneof(
      fc.nat({ max: MAX }).map((anywhere) => () => anywhere),
      // Within a few micro-credits of the threshold, where an off-by-one would show.
      fc.integer({ min: -3, max: 3 }).map((offset) => (first: number) => Math.min(MAX, Math.max(0, first + offset))),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX }), fc.integer({ min: 1, max: 100 }), spend, spend, (limit, percent, x, y) => {
        const first = mark(percent, limit);
        const [before, after] = [x(first), y(first)].sort((a, b) => a - b) as [number, number];
        expect(crossed(before, after, percent, limit)).toBe(before < first && first <= after);
      }),
      { seed, numRuns: 2_000 },
    );
  });

  it("spend arriving in steps crosses each threshold in exactly one step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.nat({ max: 300_000 }), { minLength: 1, maxLength: 20 }),
        (limit, percent, steps) => {
          let spent = 0;
          let crossings = 0;
          for (const step of steps) {
            if (crossed(spent, spent + step, percent, limit)) crossings++;
            spent += step;
          }
          expect(crossings).toBe(spent >= mark(percent, limit) ? 1 : 0);
        },
      ),
      { seed, numRuns: 1_000 },
    );
  });
});
