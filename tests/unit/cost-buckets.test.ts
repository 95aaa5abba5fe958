import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketBounds, costBucket, EXACT_BELOW, percentileOf, type HistogramBucket } from "../../server/usage/cost-buckets";

/** percentile_disc over the costs themselves: the cost at rank ⌈p·N⌉ in ascending order. */
function percentileDisc(costs: bigint[], percent: number): bigint {
  const sorted = [...costs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = Math.max(1, Math.ceil((sorted.length * percent) / 100));
  return sorted[rank - 1]!;
}

function histogramOf(costs: bigint[]): HistogramBucket[] {
  const byBucket = new Map<number, bigint[]>();
  for (const cost of costs) byBucket.set(costBucket(cost), [...(byBucket.get(costBucket(cost)) ?? []), cost]);
  return [...byBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, members]) => ({
      tasks: BigInt(members.length),
      costMicros: members.reduce((sum, c) => sum + c, 0n),
      minCostMicros: members.reduce((min, c) => (c < min ? c : min)),
      maxCostMicros: members.reduce((max, c) => (c > max ? c : max)),
    }));
}

const cost = fc.oneof(fc.bigInt({ min: 0n, max: 200n }), fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.bigInt({ min: 0n, max: 2n ** 62n }));

describe("cost buckets", () => {
  it("keep every cost below 128 µcr apart, and are contiguous and ordered above", () => {
    for (let c = 0; c < EXACT_BELOW; c++) expect(costBucket(BigInt(c))).toBe(c);
    expect(costBucket(128n)).toBe(128);
    expect(costBucket(129n)).toBe(128); // 128 and 129 share the first bucket 2 µcr wide
    expect(costBucket(130n)).toBe(129);
    expect(bucketBounds(128)).toEqual({ low: 128n, high: 129n });
    expect(costBucket(2n ** 62n)).toBe((63 - 7) * 64 + 64);
  });

  it("put a cost inside its bucket's bounds, buckets at most 1/64 of their lowest cost wide, and preserve order", () => {
    fc.assert(
      fc.property(cost, cost, (a, b) => {
        const { low, high } = bucketBounds(costBucket(a));
        expect(low <= a && a <= high).toBe(true);
        expect((high - low) * 64n <= low || low < BigInt(EXACT_BELOW)).toBe(true);
        if (a <= b) expect(costBucket(a)).toBeLessThanOrEqual(costBucket(b));
      }),
      { numRuns: 2_000 },
    );
  });

  it("give percentile_disc's answer exactly below 128 µcr, and within 1/64 of it above", () => {
    const costs = fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 127n }), fc.bigInt({ min: 0n, max: 50_000n }), fc.constant(1_000n)), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(costs, fc.constantFrom(1, 10, 50, 90, 99, 100), (sample, percent) => {
        const truth = percentileDisc(sample, percent);
        const estimate = percentileOf(histogramOf(sample), percent);
        if (truth < BigInt(EXACT_BELOW)) expect(estimate).toBe(truth);
        const error = estimate > truth ? estimate - truth : truth - estimate;
        expect(error * 64n <= truth).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it("answer the first and last task of a bucket with its extremes, and zero for no tasks", () => {
    const buckets = histogramOf([300n, 301n, 1_000n, 1_007n, 1_008n]);
    expect(percentileOf(buckets, 50)).toBe(1_000n); // rank 3: the first task of the 1,000 bucket
    expect(percentileOf(buckets, 100)).toBe(1_008n);
    expect(percentileOf([], 50)).toBe(0n);
  });
});
