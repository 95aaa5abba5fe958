import { z } from "zod";
import { toScaledInteger } from "../lib/decimal";
import { invalidInput } from "../lib/errors";
import type { TokenCounts } from "./cost";
import { providerUsageSchema, tokensFromProviderUsage } from "./usage-objects";

/**
 * An action to price: a model call (token counts, or a provider `usage` object) or a platform
 * operation (a quantity of units). Shared by estimates, reservations and usage events.
 */
const tokenCount = z.number().int().min(0).max(1e12);
const decimalText = /^\d{1,12}(\.\d{1,6})?$/;

export const actionShape = {
  model: z.string().trim().min(1).max(200).optional(),
  operation: z.string().trim().min(1).max(64).optional(),
  inputTokens: tokenCount.optional(),
  outputTokens: tokenCount.optional(),
  cachedInputTokens: tokenCount.optional(),
  cacheWriteTokens: tokenCount.optional(),
  usage: providerUsageSchema.optional(),
  /** Units of the operation (e.g. 1 run, 2.5 GB-days); up to 6 decimal places. Default 1. */
  quantity: z.union([z.number().min(0).max(1e12), z.string().regex(decimalText, "a decimal with up to 6 places")]).optional(),
} as const;

export const actionSchema = z.object(actionShape);
export type ActionInput = z.infer<typeof actionSchema>;

export interface NormalizedAction {
  kind: "model" | "operation";
  /** The model or operation name. */
  item: string;
  tokens: TokenCounts;
  quantityMicros: number;
}

const ZERO_TOKENS: TokenCounts = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 };
const TOKEN_FIELDS = ["inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens"] as const;

/** Turns validated input into one canonical form; contradictory input is refused, not guessed. */
export function normalizeAction(input: ActionInput): NormalizedAction {
  const hasTokenFields = TOKEN_FIELDS.some((field) => input[field] !== undefined);
  if (Boolean(input.model) === Boolean(input.operation)) {
    throw invalidInput("Give exactly one of `model` or `operation`");
  }
  if (input.operation) {
    if (hasTokenFields || input.usage) throw invalidInput("An operation is priced by `quantity`, not by tokens");
    const quantityMicros = Number(toScaledInteger(input.quantity ?? 1, 6, "quantity"));
    if (!Number.isSafeInteger(quantityMicros)) throw invalidInput("quantity is too large");
    return { kind: "operation", item: input.operation, tokens: ZERO_TOKENS, quantityMicros };
  }
  if (input.quantity !== undefined) throw invalidInput("A model call is priced by tokens, not by `quantity`");
  if (input.usage && hasTokenFields) {
    throw invalidInput("Give either a provider `usage` object or token fields, not both");
  }
  const tokens = input.usage
    ? tokensFromProviderUsage(input.usage)
    : {
        inputTokens: input.inputTokens ?? 0,
        outputTokens: input.outputTokens ?? 0,
        cachedInputTokens: input.cachedInputTokens ?? 0,
        cacheWriteTokens: input.cacheWriteTokens ?? 0,
      };
  return { kind: "model", item: input.model!, tokens, quantityMicros: 0 };
}
