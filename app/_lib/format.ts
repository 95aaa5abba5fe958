import { formatScaled, parseDecimal, toScaledInteger } from "@/server/lib/decimal";

const grouping = new Intl.NumberFormat("en-US");

function group(text: string): string {
  const [whole = "0", fraction] = text.replace("-", "").split(".");
  const sign = text.startsWith("-") ? "−" : "";
  return `${sign}${grouping.format(BigInt(whole))}${fraction ? `.${fraction}` : ""}`;
}

/** Micro-credits as credits, exact: 1500000 → "1.5". */
export const formatCredits = (micros: number | bigint) => group(formatScaled(micros, 6));

/** Credits rounded for headlines (never used for amounts that are billed). */
export function formatCreditsShort(micros: number): string {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: micros < 10_000_000 ? 4 : 2 }).format(micros / 1_000_000);
}

/** A currency's minor-unit digits and narrow symbol: USD → 2, "$". */
function currencyStyle(currency: string): { digits: number; symbol: string } {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const symbol = new Intl.NumberFormat("en", { style: "currency", currency, currencyDisplay: "narrowSymbol" })
    .formatToParts(0)
    .find((part) => part.type === "currency")?.value;
  return { digits, symbol: symbol ?? `${currency} ` };
}

/** Minor units of a currency (cents), exact, with every minor digit: 1234 USD → "$12.34", 50000 → "$500.00". */
export function formatMoney(amountMinor: number | bigint, currency: string): string {
  return formatMoneyExact(BigInt(amountMinor), 0, currency);
}

/**
 * An exact money amount that may be finer than a minor unit (e.g. a credit's price): "$0.0100".
 * `minFractionDigits` pads short fractions (default: the currency's minor-unit digits).
 */
export function formatMoneyExact(minorScaled: bigint, scaleDigits: number, currency: string, minFractionDigits?: number): string {
  const { digits, symbol } = currencyStyle(currency);
  const text = formatScaled(minorScaled, scaleDigits + digits);
  const [whole = "0", fraction = ""] = text.split(".");
  const padded = fraction.padEnd(minFractionDigits ?? digits, "0");
  return `${symbol}${group(whole)}${padded ? `.${padded}` : ""}`;
}

export function formatDateTime(value: Date | string | null | undefined, timeZone = "UTC"): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(value));
}

export function formatDate(value: Date | string | null | undefined, timeZone = "UTC"): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone }).format(new Date(value));
}

export const formatInteger = (value: number) => grouping.format(value);

/**
 * What `micros` of credits cost at the organisation's list price, exact. The price is in minor
 * units per 1,000,000 credits, so the amount is micros × price / 10^12 minor units.
 */
export function formatCreditsAsMoney(micros: number | bigint, creditPriceMinorPerMillion: number, currency: string, minFractionDigits?: number): string {
  return formatMoneyExact(BigInt(micros) * BigInt(creditPriceMinorPerMillion), 12, currency, minFractionDigits);
}

/** Credits' money value as a plain exact decimal in major units, for CSV: 300000000 µcr at $0.01 → "3". */
export function creditsAsMoneyDecimal(micros: number | bigint, creditPriceMinorPerMillion: number, currency: string): string {
  return formatScaled(BigInt(micros) * BigInt(creditPriceMinorPerMillion), 12 + currencyStyle(currency).digits);
}

/** A cost line's exact micro-credits (a decimal string such as "312.5") in credits: "0.0003125". */
export const formatExactMicros = (exactMicros: string) => group(formatScaled(toScaledInteger(exactMicros, 6, "exactMicros"), 12));

/** Operation quantities are stored like credits, in millionths of a unit: 2500000 → "2.5". */
export const formatQuantity: (quantityMicros: number) => string = formatCredits;

/** Minutes a time zone is ahead of UTC at an instant (Europe/London in summer: 60). */
export function timeZoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" })
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wallClock - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** ISO 8601 in a time zone, with its offset, for exports: "2025-03-30T02:15:00.000+01:00". */
export function formatIsoInZone(value: Date | string, timeZone: string): string {
  const instant = new Date(value);
  const offset = timeZoneOffsetMinutes(instant, timeZone);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, -1);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** An exact decimal number of minor units, as quotes carry them ("1234.5" USD), as money: "$12.345". */
export function formatMinorExact(exactMinor: string, currency: string): string {
  const { units, scale } = parseDecimal(exactMinor);
  return formatMoneyExact(units, scale, currency);
}
