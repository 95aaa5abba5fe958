import { describe, expect, it } from "vitest";
import { priceOperation, priceTokens, type ModelRates } from "../../server/pricing/cost";

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
