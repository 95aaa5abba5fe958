import { formatScaled } from "@/server/lib/decimal";

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

/** Minor units of a currency (cents), exact: 1234 USD → "$12.34". */
export function formatMoney(amountMinor: number | bigint, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const symbol = new Intl.NumberFormat("en", { style: "currency", currency, currencyDisplay: "narrowSymbol" })
    .formatToParts(0)
    .find((part) => part.type === "currency")?.value;
  return `${symbol ?? `${currency} `}${group(formatScaled(amountMinor, digits))}`;
}

/** An exact money amount that may be finer than a minor unit (e.g. a credit's price): "$0.0100". */
export function formatMoneyExact(minorScaled: bigint, scaleDigits: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const symbol = new Intl.NumberFormat("en", { style: "currency", currency, currencyDisplay: "narrowSymbol" })
    .formatToParts(0)
    .find((part) => part.type === "currency")?.value;
  const text = formatScaled(minorScaled, scaleDigits + digits);
  const [whole = "0", fraction = ""] = text.split(".");
  return `${symbol ?? `${currency} `}${group(whole)}.${fraction.padEnd(digits, "0")}`;
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
