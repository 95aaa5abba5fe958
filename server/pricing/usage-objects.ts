import { z } from "zod";
import { invalidInput } from "../lib/errors";
import type { TokenCounts } from "./cost";

/**
 * Provider `usage` objects, accepted as the providers send them (unknown fields are ignored):
 * - OpenAI Chat Completions: prompt_tokens includes the cached tokens in prompt_tokens_details.cached_tokens;
 * - OpenAI Responses: input_tokens includes input_tokens_details.cached_tokens;
 * - Anthropic Messages: input_tokens excludes cache_read_input_tokens and cache_creation_input_tokens.
 */
const count = z.number().int().min(0).max(1e12);

const openAiChatUsage = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count.optional(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count.nullish() }).nullish(),
});

const openAiResponsesUsage = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  input_tokens_details: z.looseObject({ cached_tokens: count.nullish() }),
});

const anthropicUsage = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count.nullish(),
  cache_creation_input_tokens: count.nullish(),
});

/** Typed `object`, not a record, so SDK usage types (interfaces, which have no index signature) are accepted as they are. */
export const providerUsageSchema = z.custom<object>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  "an OpenAI or Anthropic `usage` object",
);
export type ProviderUsage = z.infer<typeof providerUsageSchema>;

export function tokensFromProviderUsage(usage: ProviderUsage): TokenCounts {
  if ("prompt_tokens" in usage || "completion_tokens" in usage) {
    const parsed = parseOrThrow(openAiChatUsage, usage, "OpenAI");
    const cached = parsed.prompt_tokens_details?.cached_tokens ?? 0;
    if (cached > parsed.prompt_tokens) throw invalidInput("usage: cached_tokens exceeds prompt_tokens");
    return { inputTokens: parsed.prompt_tokens - cached, outputTokens: parsed.completion_tokens, cachedInputTokens: cached, cacheWriteTokens: 0 };
  }
  if ("input_tokens_details" in usage) {
    const parsed = parseOrThrow(openAiResponsesUsage, usage, "OpenAI Responses");
    const cached = parsed.input_tokens_details.cached_tokens ?? 0;
    if (cached > parsed.input_tokens) throw invalidInput("usage: cached_tokens exceeds input_tokens");
    return { inputTokens: parsed.input_tokens - cached, outputTokens: parsed.output_tokens, cachedInputTokens: cached, cacheWriteTokens: 0 };
  }
  if ("input_tokens" in usage || "output_tokens" in usage) {
    const parsed = parseOrThrow(anthropicUsage, usage, "Anthropic");
    return {
      inputTokens: parsed.input_tokens,
      outputTokens: parsed.output_tokens,
      cachedInputTokens: parsed.cache_read_input_tokens ?? 0,
      cacheWriteTokens: parsed.cache_creation_input_tokens ?? 0,
    };
  }
  throw invalidInput(
    "usage is not a recognised usage object: expected OpenAI (prompt_tokens, completion_tokens) or Anthropic (input_tokens, output_tokens)",
  );
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, provider: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(`usage (${provider}): ${issue ? `${issue.path.join(".")} ${issue.message}` : "malformed"}`);
  }
  return parsed.data;
}
