import { divide, formatScaled } from "../lib/decimal";
import { invalidInput } from "../lib/errors";

/**
 * What an action costs. Rates are micro-credits per 1,000,000 tokens (or per unit for operations);
 * each component's exact cost is kept as a decimal string, and the total is rounded up to a whole
 * micro-credit once, at the end.
 */
export interface TokenCounts {
  /** Input tokens that were not read from a cache. */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
}

export interface ModelRates {
  inputMicrosPerMillionTokens: number;
  outputMicrosPerMillionTokens: number;
  /** Null means cached input is billed at the input rate. */
  cachedInputMicrosPerMillionTokens: number | null;
  /** Null means cache writes are billed at the input rate. */
  cacheWriteMicrosPerMillionTokens: number | null;
}

export type CostComponent = "input" | "output" | "cached_input" | "cache_write" | "quantity";

export interface CostLine {
  component: CostComponent;
  /** Tokens, or for operations the quantity in millionths of a unit. */
  units: number;
  /** Micro-credits per 1M tokens, or per unit. */
  rateMicros: number;
  /** units × rate / 1,000,000, exact. */
  exactMicros: string;
}

export interface Cost {
  costMicros: number;
  lines: CostLine[];
}

const PER_MILLION = 1_000_000n;

/** Exact in BigInt: any size, refusing a total past the largest safe integer. */
function totalExact(lines: { units: number; rateMicros: number }[]): { costMicros: number; numerators: bigint[] } {
  const numerators = lines.map((line) => BigInt(line.units) * BigInt(line.rateMicros));
  const sum = numerators.reduce((a, b) => a + b, 0n);
  const costMicros = divide(sum, PER_MILLION, "ceil");
  // The caller's quantities made it: a refusal to them, not an internal error.
  if (costMicros > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidInput("The cost exceeds the largest supported amount");
  return { costMicros: Number(costMicros), numerators };
}

function withExact(parts: Omit<CostLine, "exactMicros">[]): Cost {
  return withExactSafe(parts) ?? withExactBig(parts);
}

function withExactBig(parts: Omit<CostLine, "exactMicros">[]): Cost {
  const { costMicros, numerators } = totalExact(parts);
  return {
    costMicros,
    lines: parts.map((part, i) => ({ ...part, exactMicros: formatScaled(numerators[i]!, 6) })),
  };
}

/**
 * The same arithmetic in plain numbers when the lines' sum is a safe integer — as it is for any real
 * call: no BigInt per line. Each product of two non-negative integers is then at most the sum, so
 * exact too. Undefined otherwise, for the BigInt path.
 */
function withExactSafe(parts: Omit<CostLine, "exactMicros">[]): Cost | undefined {
  let sum = 0;
  for (const part of parts) {
    if (!(part.units >= 0 && part.rateMicros >= 0)) return undefined;
    sum += part.units * part.rateMicros;
  }
  if (!Number.isSafeInteger(sum)) return undefined;
  const [whole, millionths] = splitMillionths(sum);
  return {
    costMicros: millionths > 0 ? whole + 1 : whole,
    lines: parts.map(({ component, units, rateMicros }) => ({ component, units, rateMicros, exactMicros: formatMillionths(units * rateMicros) })),
  };
}

/**
 * A safe non-negative integer n as ⌊n ÷ 10^6⌋ and the remainder, exactly: n ÷ 10^6 is below 2^33,
 * where a double's rounding error (half a unit in the last place, under 10^-6) cannot carry the
 * quotient of q + r ÷ 10^6 (r < 10^6) up to q + 1.
 */
function splitMillionths(n: number): [number, number] {
  const whole = Math.floor(n / 1_000_000);
  return [whole, n - whole * 1_000_000];
}

/** `formatScaled(n, 6)` for a safe non-negative integer. */
function formatMillionths(n: number): string {
  const [whole, rest] = splitMillionths(n);
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(6, "0").replace(/0+$/, "")}`;
}

export function priceTokens(rates: ModelRates, tokens: TokenCounts): Cost {
  return withExact([
    { component: "input", units: tokens.inputTokens, rateMicros: rates.inputMicrosPerMillionTokens },
    { component: "output", units: tokens.outputTokens, rateMicros: rates.outputMicrosPerMillionTokens },
    {
      component: "cached_input",
      units: tokens.cachedInputTokens,
      rateMicros: rates.cachedInputMicrosPerMillionTokens ?? rates.inputMicrosPerMillionTokens,
    },
    {
      component: "cache_write",
      units: tokens.cacheWriteTokens,
      rateMicros: rates.cacheWriteMicrosPerMillionTokens ?? rates.inputMicrosPerMillionTokens,
    },
  ]);
}

/** quantityMicros is the quantity in millionths of a unit (2.5 GB-days → 2,500,000). */
export function priceOperation(microsPerUnit: number, quantityMicros: number): Cost {
  return withExact([{ component: "quantity", units: quantityMicros, rateMicros: microsPerUnit }]);
}
