import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../server/lib/errors";
import { convertLitellmPriceMap, type ImportedModel } from "../../server/pricing/litellm-import";

const SAMPLE = JSON.parse(fs.readFileSync(path.resolve("db/seed/data/litellm-model-prices.sample.json"), "utf8")) as Record<string, unknown>;
const invalid = expect.objectContaining({ appCode: "INVALID_INPUT" }) as AppError;

const convert = (markupPercent: string, map: unknown = SAMPLE) => convertLitellmPriceMap(map, { creditValueUsd: "0.01", markupPercent });
const model = (models: ImportedModel[], name: string) => models.find((m) => m.model === name);

describe("LiteLLM price map → credits per 1M tokens (1 credit = 0.01 USD)", () => {
  it("gpt-4o at markup 0: 2.5e-06 USD per input token is 250 credits per 1M tokens", () => {
    expect(model(convert("0").models, "gpt-4o")).toEqual({
      model: "gpt-4o",
      provider: "openai",
      mode: "chat",
      inputMicrosPerMillionTokens: 250_000_000,
      outputMicrosPerMillionTokens: 1_000_000_000,
      cachedInputMicrosPerMillionTokens: 125_000_000,
      cacheWriteMicrosPerMillionTokens: null,
    });
  });

  it("gpt-4o at markup 20 %", () => {
    expect(model(convert("20").models, "gpt-4o")).toMatchObject({
      inputMicrosPerMillionTokens: 300_000_000,
      outputMicrosPerMillionTokens: 1_200_000_000,
      cachedInputMicrosPerMillionTokens: 150_000_000,
      cacheWriteMicrosPerMillionTokens: null,
    });
  });

  it("small per-token prices and cache writes convert exactly", () => {
    const { models } = convert("20");
    expect(model(models, "gpt-4o-mini")).toMatchObject({
      inputMicrosPerMillionTokens: 18_000_000,
      outputMicrosPerMillionTokens: 72_000_000,
      cachedInputMicrosPerMillionTokens: 9_000_000,
    });
    expect(model(convert("0").models, "claude-3-5-sonnet-20241022")).toMatchObject({
      provider: "anthropic",
      inputMicrosPerMillionTokens: 300_000_000,
      outputMicrosPerMillionTokens: 1_500_000_000,
      cachedInputMicrosPerMillionTokens: 30_000_000,
      cacheWriteMicrosPerMillionTokens: 375_000_000,
    });
    expect(model(convert("0").models, "text-embedding-3-small")).toMatchObject({
      mode: "embedding",
      inputMicrosPerMillionTokens: 2_000_000,
      outputMicrosPerMillionTokens: 0,
    });
  });

  it("lists what is not priced per token as skipped, with the reason, and never imports it", () => {
    const { models, skipped } = convert("0");
    expect(skipped).toEqual([
      { key: "sample_spec", reason: "the format's specification entry, not a model" },
      { key: "1024-x-1024/dall-e-2", reason: "priced per pixel (input_cost_per_pixel, output_cost_per_pixel), not per token" },
      { key: "amazon.nova-canvas-v1:0", reason: "priced per image (output_cost_per_image), not per token" },
    ]);
    expect(models).toHaveLength(Object.keys(SAMPLE).length - 3);
    expect(models.map((m) => m.model)).not.toContain("sample_spec");
    for (const m of models) {
      for (const rate of [m.inputMicrosPerMillionTokens, m.outputMicrosPerMillionTokens, m.cachedInputMicrosPerMillionTokens ?? 0]) {
        expect(Number.isSafeInteger(rate)).toBe(true);
      }
    }
  });

  it("rounds each rate half-up to a whole micro-credit per 1M tokens", () => {
    const map = {
      "tenth": { input_cost_per_token: 1e-15, output_cost_per_token: 4e-15 },
      "half": { input_cost_per_token: 5e-15, output_cost_per_token: 1.5e-14 },
    };
    const { models } = convert("0", map);
    expect(models.map((m) => [m.inputMicrosPerMillionTokens, m.outputMicrosPerMillionTokens])).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it("skips entries whose prices are not non-negative numbers", () => {
    const map = {
      "text-price": { input_cost_per_token: "0.001", output_cost_per_token: 1e-6 },
      "negative": { input_cost_per_token: -1e-6, output_cost_per_token: 1e-6 },
      "not-an-object": 3,
      ["x".repeat(201)]: { input_cost_per_token: 1e-6 },
      "free": {},
      "fine": { input_cost_per_token: 1e-6 },
    };
    const { models, skipped } = convert("0", map);
    expect(models.map((m) => m.model)).toEqual(["fine"]);
    expect(skipped.map((s) => s.reason)).toEqual([
      "input_cost_per_token is not a non-negative number",
      "input_cost_per_token is not a non-negative number",
      "not an object",
      "model name longer than 200 characters",
      "has no prices",
    ]);
  });

  it("refuses a map that is not an object, a credit value of zero and a negative markup", () => {
    expect(() => convert("0", [])).toThrow(invalid);
    expect(() => convert("0", null)).toThrow(invalid);
    expect(() => convertLitellmPriceMap(SAMPLE, { creditValueUsd: "0", markupPercent: "0" })).toThrow(invalid);
    expect(() => convertLitellmPriceMap(SAMPLE, { creditValueUsd: "0.01", markupPercent: "-5" })).toThrow(invalid);
  });
});
