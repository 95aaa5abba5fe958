import { describe, expect, it } from "vitest";
import { AppError } from "../../server/lib/errors";
import { tokensFromProviderUsage } from "../../server/pricing/usage-objects";

const invalid = expect.objectContaining({ appCode: "INVALID_INPUT" }) as AppError;

describe("provider usage objects → token counts", () => {
  it("OpenAI Chat Completions: cached tokens are part of prompt_tokens and are taken out of it", () => {
    const usage = {
      prompt_tokens: 1_200,
      completion_tokens: 300,
      total_tokens: 1_500,
      prompt_tokens_details: { cached_tokens: 200, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 64, audio_tokens: 0 },
    };
    expect(tokensFromProviderUsage(usage)).toEqual({ inputTokens: 1_000, outputTokens: 300, cachedInputTokens: 200, cacheWriteTokens: 0 });
  });

  it("OpenAI Chat Completions without details, or with null details", () => {
    const expected = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0 };
    expect(tokensFromProviderUsage({ prompt_tokens: 10, completion_tokens: 5 })).toEqual(expected);
    expect(tokensFromProviderUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: null })).toEqual(expected);
    expect(tokensFromProviderUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: null } })).toEqual(expected);
  });

  it("OpenAI Responses: cached tokens are part of input_tokens", () => {
    const usage = {
      input_tokens: 1_000,
      input_tokens_details: { cached_tokens: 400 },
      output_tokens: 250,
      output_tokens_details: { reasoning_tokens: 100 },
      total_tokens: 1_250,
    };
    expect(tokensFromProviderUsage(usage)).toEqual({ inputTokens: 600, outputTokens: 250, cachedInputTokens: 400, cacheWriteTokens: 0 });
  });

  it("Anthropic Messages: cache reads and writes are reported apart from input_tokens", () => {
    const usage = { input_tokens: 50, cache_creation_input_tokens: 1_000, cache_read_input_tokens: 2_000, output_tokens: 300, service_tier: "standard" };
    expect(tokensFromProviderUsage(usage)).toEqual({ inputTokens: 50, outputTokens: 300, cachedInputTokens: 2_000, cacheWriteTokens: 1_000 });
    expect(tokensFromProviderUsage({ input_tokens: 7, output_tokens: 3 })).toEqual({ inputTokens: 7, outputTokens: 3, cachedInputTokens: 0, cacheWriteTokens: 0 });
  });

  it.each([
    [
      "more cached than prompt tokens",
      { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 11 } },
      /cached_tokens exceeds prompt_tokens/,
    ],
    [
      "more cached than input tokens (Responses)",
      { input_tokens: 10, output_tokens: 1, input_tokens_details: { cached_tokens: 11 } },
      /cached_tokens exceeds input_tokens/,
    ],
    ["a missing completion_tokens", { prompt_tokens: 10 }, /usage \(OpenAI\): completion_tokens/],
    ["a negative count", { input_tokens: -1, output_tokens: 1 }, /usage \(Anthropic\): input_tokens/],
    ["a fractional count", { prompt_tokens: 1.5, completion_tokens: 1 }, /usage \(OpenAI\)/],
    ["a count given as text", { input_tokens: "10", output_tokens: 1 }, /usage \(Anthropic\)/],
    ["an unrecognised object", { tokens: 10 }, /not a recognised usage object/],
  ])("refuses %s", (_what, usage, message) => {
    expect(() => tokensFromProviderUsage(usage)).toThrow(invalid);
    expect(() => tokensFromProviderUsage(usage)).toThrow(message);
  });
});
