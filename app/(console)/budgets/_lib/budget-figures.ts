import { formatCredits } from "@/app/_lib/format";
import type { BudgetStatus } from "./budget-labels";

/** Share of the limit, to one decimal, rounded down so "100 %" means the limit is really reached: 1234, 10000 → "12.3". */
export function percentOf(micros: number, limitMicros: number): string {
  if (limitMicros <= 0) return "0";
  const tenths = (BigInt(micros) * 1000n) / BigInt(limitMicros);
  return `${tenths / 10n}${tenths % 10n === 0n ? "" : `.${tenths % 10n}`}`;
}

/** The period's average burn rate so far, per day. */
export const burnRatePerDayMicros = (status: BudgetStatus) => status.burnRateMicrosPerHour * 24;

/** Committed plus held against the limit, in words, for screen readers and the CSV. */
export function usageSentence(status: BudgetStatus): string {
  const held = status.heldMicros > 0 ? ` and ${formatCredits(status.heldMicros)} held` : "";
  return `${formatCredits(status.spentMicros)} spent${held} of ${formatCredits(status.limitMicros)} credits (${percentOf(status.spentMicros + status.heldMicros, status.limitMicros)} %)`;
}

/** Whether committed plus held has reached the limit. */
export const limitReached = (status: BudgetStatus) => status.spentMicros + status.heldMicros >= status.limitMicros;
