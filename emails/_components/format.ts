import { formatCredits, formatDateTime } from "../../app/_lib/format";
import { divide, formatScaled } from "../../server/lib/decimal";

/** Micro-credits as exact credits with grouping: 1234500000 → "1,234.5 credits". */
export const credits = (micros: number) => `${formatCredits(micros)} credits`;

/** Spent as a percentage of the limit, rounded down to one decimal so "100 %" means reached. */
export function percentOf(spentMicros: number, limitMicros: number): string {
  return `${formatScaled(divide(BigInt(spentMicros) * 1000n, BigInt(limitMicros), "floor"), 1)} %`;
}

/** An instant on the organisation's clock: "31 Mar 2026, 23:59 (Europe/Berlin)". */
export const dateTime = (iso: string, timeZone: string) => `${formatDateTime(iso, timeZone)} (${timeZone})`;
