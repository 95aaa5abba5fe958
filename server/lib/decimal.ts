import { invalidInput } from "./errors";

/**
 * Exact decimal arithmetic on BigInt, for the few places where a rate or a price is written as a
 * decimal (LiteLLM's USD per token, a markup percentage, a fractional quantity). Nothing here ever
 * goes through a binary float.
 */
export interface Decimal {
  /** The digits as an integer: 12.345 → 12345n with scale 3. */
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Parses "12.5", "0.0000025", "2.5e-06". Numbers are read through their shortest round-trip text. */
export function parseDecimal(input: string | number): Decimal {
  const text = typeof input === "number" ? numberToText(input) : input.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw invalidInput(`"${text}" is not a decimal number`);
  const [, sign, whole, fraction = "", exponentText] = match;
  const exponent = exponentText ? Number(exponentText) : 0;
  let units = BigInt(`${whole}${fraction}`);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === "-" ? -units : units, scale };
}

function numberToText(value: number): string {
  if (!Number.isFinite(value)) throw invalidInput(`${value} is not a finite number`);
  return String(value);
}

export type Rounding = "ceil" | "floor" | "halfUp";

/** numerator / denominator rounded to an integer (denominator > 0). */
export function divide(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const negative = numerator < 0n;
  switch (rounding) {
    case "floor":
      return negative ? quotient - 1n : quotient;
    case "ceil":
      return negative ? quotient : quotient + 1n;
    case "halfUp": {
      const twice = (remainder < 0n ? -remainder : remainder) * 2n;
      if (twice >= denominator) return negative ? quotient - 1n : quotient + 1n;
      return quotient;
    }
  }
}

/** value × 10^digits as an exact integer, refusing anything finer than `digits` decimal places. */
export function toScaledInteger(value: string | number, digits: number, what: string): bigint {
  const decimal = parseDecimal(value);
  if (decimal.scale > digits) {
    const excess = 10n ** BigInt(decimal.scale - digits);
    if (decimal.units % excess !== 0n) throw invalidInput(`${what} allows at most ${digits} decimal places`);
    return decimal.units / excess;
  }
  return decimal.units * 10n ** BigInt(digits - decimal.scale);
}

/** Formats an integer scaled by 10^digits, e.g. (1500000n, 6) → "1.5". */
export function formatScaled(value: bigint | number, digits: number): string {
  const big = BigInt(value);
  const negative = big < 0n;
  const text = (negative ? -big : big).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** The largest amount we accept from a caller: JSON numbers are exact up to 2^53 − 1. */
export const MAX_SAFE_AMOUNT = Number.MAX_SAFE_INTEGER;

export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(MAX_SAFE_AMOUNT) || value < -BigInt(MAX_SAFE_AMOUNT)) {
    throw invalidInput(`${what} is too large`);
  }
  return Number(value);
}
