import { divide, parseDecimal, type Decimal } from "../lib/decimal";
import { invalidInput } from "../lib/errors";
import type { ModelRates } from "./cost";

/**
 * Converts the community LiteLLM price map (USD per token) into credits per 1M tokens, at a chosen
 * credit value (USD per credit) and markup. Entries that are not priced per token are listed with
 * the reason, never guessed. Rates round half-up to a whole micro-credit per 1M tokens.
 */
export interface LitellmConversion {
  /** USD per credit, e.g. "0.01". */
  creditValueUsd: string;
  /** Percentage added on top of the provider's price, e.g. "20" for +20 %. */
  markupPercent: string;
}

export interface ImportedModel extends ModelRates {
  model: string;
  provider: string;
  mode: string;
}

export interface SkippedEntry {
  key: string;
  reason: string;
}

const TOKEN_COST_FIELDS = {
  inputMicrosPerMillionTokens: "input_cost_per_token",
  outputMicrosPerMillionTokens: "output_cost_per_token",
  cachedInputMicrosPerMillionTokens: "cache_read_input_token_cost",
  cacheWriteMicrosPerMillionTokens: "cache_creation_input_token_cost",
} as const;

export function convertLitellmPriceMap(
  map: unknown,
  conversion: LitellmConversion,
): { models: ImportedModel[]; skipped: SkippedEntry[] } {
  if (!map || typeof map !== "object" || Array.isArray(map)) {
    throw invalidInput("The price map must be a JSON object keyed by model name");
  }
  const convert = rateConverter(conversion);
  const models: ImportedModel[] = [];
  const skipped: SkippedEntry[] = [];
  for (const [key, entry] of Object.entries(map as Record<string, unknown>)) {
    const reason = whyNotImportable(key, entry);
    if (reason) {
      skipped.push({ key, reason });
      continue;
    }
    const fields = entry as Record<string, unknown>;
    const rate = (field: string) => (fields[field] === undefined ? null : convert(fields[field] as number));
    models.push({
      model: key,
      provider: typeof fields.litellm_provider === "string" ? fields.litellm_provider : "",
      mode: typeof fields.mode === "string" ? fields.mode : "chat",
      inputMicrosPerMillionTokens: rate(TOKEN_COST_FIELDS.inputMicrosPerMillionTokens) ?? 0,
      outputMicrosPerMillionTokens: rate(TOKEN_COST_FIELDS.outputMicrosPerMillionTokens) ?? 0,
      cachedInputMicrosPerMillionTokens: rate(TOKEN_COST_FIELDS.cachedInputMicrosPerMillionTokens),
      cacheWriteMicrosPerMillionTokens: rate(TOKEN_COST_FIELDS.cacheWriteMicrosPerMillionTokens),
    });
  }
  return { models, skipped };
}

function whyNotImportable(key: string, entry: unknown): string | undefined {
  if (key === "sample_spec") return "the format's specification entry, not a model";
  if (key.length > 200) return "model name longer than 200 characters";
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return "not an object";
  const fields = entry as Record<string, unknown>;
  const tokenFields = Object.values(TOKEN_COST_FIELDS).filter((field) => field in fields);
  if (!("input_cost_per_token" in fields) && !("output_cost_per_token" in fields)) {
    const otherCosts = Object.keys(fields).filter((field) => field.includes("cost"));
    return otherCosts.length > 0
      ? `priced per ${describeUnits(otherCosts)} (${otherCosts.join(", ")}), not per token`
      : "has no prices";
  }
  for (const field of tokenFields) {
    const value = fields[field];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      return `${field} is not a non-negative number`;
    }
  }
  return undefined;
}

function describeUnits(fields: string[]): string {
  const units = new Set(fields.map((field) => /per_(\w+)$/.exec(field)?.[1] ?? field));
  return [...units].join(" / ");
}

/** USD per token → micro-credits per 1M tokens = usd × 10^6 tokens × 10^6 µcr × (1 + markup) / creditValue. */
function rateConverter({ creditValueUsd, markupPercent }: LitellmConversion): (usdPerToken: number) => number {
  const credit = positive(parseDecimal(creditValueUsd), "creditValueUsd");
  const markup = parseDecimal(markupPercent);
  if (markup.units < 0n) throw invalidInput("markupPercent cannot be negative");
  return (usdPerToken) => {
    const usd = parseDecimal(usdPerToken);
    // (usd.units / 10^usd.scale) × 10^12 × ((100 × 10^m + markup.units) / (100 × 10^m)) / (credit.units / 10^credit.scale)
    const numerator =
      usd.units * 10n ** 12n * (100n * 10n ** BigInt(markup.scale) + markup.units) * 10n ** BigInt(credit.scale);
    const denominator = 10n ** BigInt(usd.scale) * 100n * 10n ** BigInt(markup.scale) * credit.units;
    const rate = divide(numerator, denominator, "halfUp");
    if (rate > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidInput("A converted rate is too large");
    return Number(rate);
  };
}

function positive(value: Decimal, name: string): Decimal {
  if (value.units <= 0n) throw invalidInput(`${name} must be greater than zero`);
  return value;
}
