import { describe, expect, it } from "vitest";
import { AppError } from "../../server/lib/errors";
import { actionSchema, normalizeAction, type ActionInput } from "../../server/pricing/action";

const invalid = expect.objectContaining({ appCode: "INVALID_INPUT" }) as AppError;

describe("normalizeAction", () => {
  it("a model call from token fields, missing counts as zero", () => {
    expect(normalizeAction({ model: "gpt-4o", inputTokens: 10, cacheWriteTokens: 2 })).toEqual({
      kind: "model",
      item: "gpt-4o",
      tokens: { inputTokens: 10, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 2 },
      quantityMicros: 0,
    });
  });

  it("a model call from a provider usage object that passed the schema with its unknown fields", () => {
    const input = actionSchema.parse({
      model: "claude-3-5-sonnet-20241022",
      usage: { input_tokens: 5, output_tokens: 6, cache_read_input_tokens: 7, cache_creation_input_tokens: 8, server_tool_use: { web_search_requests: 0 } },
    });
    expect(normalizeAction(input).tokens).toEqual({ inputTokens: 5, outputTokens: 6, cachedInputTokens: 7, cacheWriteTokens: 8 });
  });

  it("an operation, one unit by default, fractional quantities to the millionth", () => {
    expect(normalizeAction({ operation: "agent_run" })).toEqual({
      kind: "operation",
      item: "agent_run",
      tokens: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 },
      quantityMicros: 1_000_000,
    });
    expect(normalizeAction({ operation: "storage_gb_day", quantity: "2.5" }).quantityMicros).toBe(2_500_000);
    expect(normalizeAction({ operation: "storage_gb_day", quantity: 0.000001 }).quantityMicros).toBe(1);
    expect(normalizeAction({ operation: "storage_gb_day", quantity: 0 }).quantityMicros).toBe(0);
  });

  it.each<[string, ActionInput]>([
    ["both a model and an operation", { model: "m", operation: "o" }],
    ["neither", { inputTokens: 1 }],
    ["an operation with tokens", { operation: "agent_run", inputTokens: 1 }],
    ["an operation with a usage object", { operation: "agent_run", usage: { input_tokens: 1, output_tokens: 1 } }],
    ["a model with a quantity", { model: "m", quantity: 1 }],
    ["a usage object and token fields together", { model: "m", inputTokens: 1, usage: { prompt_tokens: 1, completion_tokens: 1 } }],
    ["a quantity finer than a millionth", { operation: "agent_run", quantity: 0.0000001 }],
  ])("refuses %s", (_what, input) => {
    expect(() => normalizeAction(input)).toThrow(invalid);
  });

  it("the schema refuses negative or fractional token counts, over-precise quantity text, and a usage that is not an object", () => {
    expect(actionSchema.safeParse({ model: "m", inputTokens: -1 }).success).toBe(false);
    expect(actionSchema.safeParse({ model: "m", outputTokens: 1.5 }).success).toBe(false);
    expect(actionSchema.safeParse({ operation: "o", quantity: "0.0000001" }).success).toBe(false);
    expect(actionSchema.safeParse({ operation: "o", quantity: "1.000001" }).success).toBe(true);
    for (const usage of [null, [], "10 tokens", 10]) expect(actionSchema.safeParse({ model: "m", usage }).success).toBe(false);
  });
});
