import { describe, expect, it } from "vitest";
import { divide, formatScaled, parseDecimal, toSafeNumber, toScaledInteger } from "../../server/lib/decimal";
import { AppError } from "../../server/lib/errors";

const invalid = expect.objectContaining({ appCode: "INVALID_INPUT" }) as AppError;

describe("parseDecimal", () => {
  it.each([
    ["12.5", 125n, 1],
    ["0.0000025", 25n, 7],
    ["2.5e-06", 25n, 7],
    ["2.5E-6", 25n, 7],
    ["1e3", 1000n, 0],
    ["1.25e+2", 125n, 0],
    ["-1.5e2", -150n, 0],
    ["+7", 7n, 0],
    ["  42.10 ", 4210n, 2],
    ["0", 0n, 0],
  ])("%j → %s × 10^-%i", (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it("reads numbers through their shortest text, never through binary arithmetic", () => {
    expect(parseDecimal(2.5e-6)).toEqual({ units: 25n, scale: 7 });
    expect(parseDecimal(1e-5)).toEqual({ units: 1n, scale: 5 });
    expect(parseDecimal(0.1)).toEqual({ units: 1n, scale: 1 });
    expect(parseDecimal(1e21)).toEqual({ units: 10n ** 21n, scale: 0 });
  });

  it.each(["", "abc", "1.", ".5", "1e", "1,5", "1.2.3", "--1", "0x10"])("refuses %j", (text) => {
    expect(() => parseDecimal(text)).toThrow(invalid);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])("refuses %s", (value) => {
    expect(() => parseDecimal(value)).toThrow(invalid);
  });
});

describe("divide", () => {
  it.each([
    [7n, 2n, 4n, 3n, 4n],
    [5n, 3n, 2n, 1n, 2n],
    [4n, 3n, 2n, 1n, 1n],
    [6n, 3n, 2n, 2n, 2n],
    [0n, 5n, 0n, 0n, 0n],
    [-7n, 2n, -3n, -4n, -4n],
    [-5n, 3n, -1n, -2n, -2n],
    [-4n, 3n, -1n, -2n, -1n],
    [-6n, 3n, -2n, -2n, -2n],
  ])("%s / %s: ceil %s, floor %s, half-up (away from zero) %s", (numerator, denominator, ceil, floor, halfUp) => {
    expect(divide(numerator, denominator, "ceil")).toBe(ceil);
    expect(divide(numerator, denominator, "floor")).toBe(floor);
    expect(divide(numerator, denominator, "halfUp")).toBe(halfUp);
  });

  it("handles numbers beyond 2^53 exactly", () => {
    expect(divide(10n ** 30n + 1n, 10n ** 12n, "ceil")).toBe(10n ** 18n + 1n);
    expect(divide(10n ** 30n + 1n, 10n ** 12n, "floor")).toBe(10n ** 18n);
  });

  it("refuses a zero or negative denominator", () => {
    expect(() => divide(1n, 0n, "ceil")).toThrow(RangeError);
    expect(() => divide(1n, -1n, "floor")).toThrow(RangeError);
  });
});

describe("toScaledInteger", () => {
  it.each([
    ["2.5", 6, 2_500_000n],
    [1.5, 6, 1_500_000n],
    ["0.000001", 6, 1n],
    ["1e-6", 6, 1n],
    ["3e2", 6, 300_000_000n],
    ["1.000000000", 6, 1_000_000n],
    ["12", 0, 12n],
  ])("%j at %i digits → %s", (value, digits, expected) => {
    expect(toScaledInteger(value, digits, "quantity")).toBe(expected);
  });

  it("refuses digits it would have to drop, naming the field", () => {
    expect(() => toScaledInteger("0.0000001", 6, "quantity")).toThrow(/quantity allows at most 6 decimal places/);
    expect(() => toScaledInteger(0.1234567, 6, "quantity")).toThrow(invalid);
  });
});

describe("formatScaled", () => {
  it.each([
    [1_500_000n, 6, "1.5"],
    [2_000_000, 6, "2"],
    [0n, 6, "0"],
    [1n, 6, "0.000001"],
    [123_456_789n, 6, "123.456789"],
    [-1_500_000n, 6, "-1.5"],
    [-1n, 6, "-0.000001"],
    [123n, 0, "123"],
  ])("%s at %i digits → %j", (value, digits, text) => {
    expect(formatScaled(value, digits)).toBe(text);
  });

  it("round-trips with toScaledInteger", () => {
    for (const text of ["0.000001", "1.5", "987654.321", "42"]) {
      expect(formatScaled(toScaledInteger(text, 6, "x"), 6)).toBe(text);
    }
  });
});

describe("toSafeNumber", () => {
  it("converts within ±(2^53 − 1) and refuses beyond", () => {
    expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER), "amount")).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSafeNumber(-5n, "amount")).toBe(-5);
    expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n, "amount")).toThrow(/amount is too large/);
  });
});
