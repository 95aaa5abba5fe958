/**
 * When spend reaches the limit if it keeps the period's average burn rate so far; null when that
 * falls after the period ends or nothing has been spent yet. Times are milliseconds (no money here).
 */
export function projectedExhaustion(input: { spentMicros: number; limitMicros: number; periodStart: Date; periodEnd: Date; now: Date }): Date | null {
  const { spentMicros, limitMicros, periodStart, periodEnd, now } = input;
  if (spentMicros >= limitMicros) return now;
  const elapsed = now.getTime() - periodStart.getTime();
  if (spentMicros <= 0 || elapsed <= 0) return null;
  const at = periodStart.getTime() + (elapsed * limitMicros) / spentMicros;
  return at > periodEnd.getTime() ? null : new Date(at);
}

/** Micro-credits per hour at the average rate so far in the period. */
export function burnRatePerHour(spentMicros: number, periodStart: Date, now: Date): number {
  const hours = (now.getTime() - periodStart.getTime()) / 3_600_000;
  return hours > 0 ? Math.round(spentMicros / hours) : 0;
}
