import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatScaled } from "../../server/lib/decimal";
import { priceOperation, priceTokens, type ModelRates } from "../../server/pricing/cost";

/** Replay a failure with FC_SEED=<seed>; every run logs the seed it used. */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
console.info(`cost properties: fast-check seed ${seed}`);

/** 2.5 credits per 1M input tokens, 10 per 1M output, 1.25 per 1M cached; cache writes at the input rate. */
const RATES: ModelRates = {
  inputMicrosPerMillionTokens: 2_500_000,
  outputMicrosPerMillionTokens: 10_000_000,
  cachedInputMicrosPerMillionTokens: 1_250_000,
  cacheWriteMicrosPerMillionTokens: null,
};

describe("priceTokens", () => {
  it("prices each component exactly and rounds the total up to a whole micro-credit", () => {
    // 1,234 × 2.5 = 3,085; 567 × 10 = 5,670; 89 × 1.25 = 111.25; 10 × 2.5 = 25 → 8,891.25 → 8,892.
    const cost = priceTokens(RATES, { inputTokens: 1_234, outputTokens: 567, cachedInputTokens: 89, cacheWriteTokens: 10 });
    expect(cost.costMicros).toBe(8_892);
    expect(cost.lines).toEqual([
      { component: "input", units: 1_234, rateMicros: 2_500_000, exactMicros: "3085" },
      { component: "output", units: 567, rateMicros: 10_000_000, exactMicros: "5670" },
      { component: "cached_input", units: 89, rateMicros: 1_250_000, exactMicros: "111.25" },
      { component: "cache_write", units: 10, rateMicros: 2_500_000, exactMicros: "25" },
    ]);
  });

  it("rounds once, at the end: three components of 0.3 µcr cost 1 µcr, not 3", () => {
    const rates: ModelRates = {
      inputMicrosPerMillionTokens: 300_000,
      outputMicrosPerMillionTokens: 300_000,
      cachedInputMicrosPerMillionTokens: 300_000,
      cacheWriteMicrosPerMillionTokens: null,
    };
    const cost = priceTokens(rates, { inputTokens: 1, outputTokens: 1, cachedInputTokens: 1, cacheWriteTokens: 0 });
    expect(cost.lines.map((line) => line.exactMicros)).toEqual(["0.3", "0.3", "0.3", "0"]);
    expect(cost.costMicros).toBe(1);
  });

  it("bills cached input at the input rate when the model has no cached rate", () => {
    const tokens = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 1_000, cacheWriteTokens: 0 };
    const cost = priceTokens({ ...RATES, cachedInputMicrosPerMillionTokens: null }, tokens);
    expect(cost.lines[2]).toEqual({ component: "cached_input", units: 1_000, rateMicros: 2_500_000, exactMicros: "2500" });
    expect(cost.costMicros).toBe(2_500);
  });

  it("costs nothing for no tokens, and exactly what a whole number of micro-credits costs", () => {
    expect(priceTokens(RATES, { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 }).costMicros).toBe(0);
    expect(priceTokens(RATES, { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 }).costMicros).toBe(2_500_000);
  });

  it("refuses a cost beyond the largest safe integer instead of losing precision", () => {
    const huge = { ...RATES, outputMicrosPerMillionTokens: Number.MAX_SAFE_INTEGER };
    const tokens = { inputTokens: 0, outputTokens: 1e12, cachedInputTokens: 0, cacheWriteTokens: 0 };
    expect(() => priceTokens(huge, tokens)).toThrow(expect.objectContaining({ appCode: "INVALID_INPUT" }));
  });
});

describe("priceOperation", () => {
  it("prices fractional quantities exactly", () => {
    // 2.5 agent runs at 0.5 credits each.
    expect(priceOperation(500_000, 2_500_000)).toEqual({
      costMicros: 1_250_000,
      lines: [{ component: "quantity", units: 2_500_000, rateMicros: 500_000, exactMicros: "1250000" }],
    });
  });

  it("rounds a fraction of a micro-credit up", () => {
    // 0.000001 of a unit at 3 µcr per unit is 0.000003 µcr: charged 1.
    const cost = priceOperation(3, 1);
    expect(cost.lines[0]!.exactMicros).toBe("0.000003");
    expect(cost.costMicros).toBe(1);
  });
});

describe("exactness at every size", () => {
  /** The definition, in BigInt: each line units × rate ÷ 10^6, the total rounded up once. */
  const expected = (pairs: [number, number][]) => {
    const numerators = pairs.map(([units, rate]) => BigInt(units) * BigInt(rate));
    const sum = numerators.reduce((a, b) => a + b, 0n);
    return { costMicros: (sum + 999_999n) / 1_000_000n, exact: numerators.map((n) => formatScaled(n, 6)) };
  };
  // Small, near the 2^53 edge (where plain numbers stop being exact), and anywhere in between.
  const amount = fc.oneof(fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 94_906_200, max: 94_906_280 }), fc.integer({ min: 999_990, max: 1_000_010 }));

  it("divides by a million exactly up to the largest safe integer, where a double's quotient is closest to the next integer", () => {
    // x.999999 million near 2^53: the quotient's rounding must not reach the next whole number.
    for (const n of [9_007_199_253_999_999, 9_007_199_254_740_991, 8_999_999_999_999_999, 999_999]) {
      expect(BigInt(priceOperation(1, n).costMicros)).toBe((BigInt(n) + 999_999n) / 1_000_000n);
      expect(priceOperation(1, n).lines[0]!.exactMicros).toBe(formatScaled(BigInt(n), 6));
    }
  });

  it("prices tokens exactly as BigInt arithmetic does, or refuses what exceeds the largest safe amount", () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 4, maxLength: 4 }), fc.array(amount, { minLength: 4, maxLength: 4 }), (tokens, rates) => {
        const [input, output, cached, cacheWrite] = tokens as [number, number, number, number];
        const want = expected(tokens.map((units, i) => [units, rates[i]!]));
        const price = () =>
          priceTokens(
            { inputMicrosPerMillionTokens: rates[0]!, outputMicrosPerMillionTokens: rates[1]!, cachedInputMicrosPerMillionTokens: rates[2]!, cacheWriteMicrosPerMillionTokens: rates[3]! },
            { inputTokens: input, outputTokens: output, cachedInputTokens: cached, cacheWriteTokens: cacheWrite },
          );
        if (want.costMicros > BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(price).toThrow(expect.objectContaining({ appCode: "INVALID_INPUT" }));
          return;
        }
        const cost = price();
        expect(BigInt(cost.costMicros)).toBe(want.costMicros);
        expect(cost.lines.map((line) => line.exactMicros)).toEqual(want.exact);
      }),
      { seed, numRuns: 3_000 },
    );
  });

  it("prices operations exactly, at the edge where products stop being safe integers", () => {
    // 94,906,265² is just past 2^53.
    for (const [rate, quantity] of [[94_906_265, 94_906_265], [94_906_265, 94_906_266], [1, Number.MAX_SAFE_INTEGER], [3, 3_002_399_751_580_331]] as const) {
      const want = expected([[quantity, rate]]);
      const cost = priceOperation(rate, quantity);
      expect(BigInt(cost.costMicros)).toBe(want.costMicros);
      expect(cost.lines[0]!.exactMicros).toBe(want.exact[0]);
    }
  });
});
