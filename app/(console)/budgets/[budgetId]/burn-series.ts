import { addDays, startOfDayInZone, todayInZone } from "@/app/_components/filters/zoned-dates";
import type { BudgetDetail } from "./load-budget";

/** One point of the burn chart, in credits (a picture only: the numbers beside it are exact). */
export interface BurnPoint {
  at: string;
  Spent?: number;
  Projected?: number;
  Limit: number;
}

const HOUR = 3_600_000;
/** Longer periods get one point per day (or per few days), shorter ones one per hour. */
const HOURLY_UP_TO = 2 * 24 * HOUR;
const MAX_POINTS = 400;

const credits = (micros: number) => micros / 1_000_000;

/**
 * Cumulative spend from the period's start to now, then the projection at the average burn rate
 * so far (as the server computes it) to the period's end, against the limit. Spend per day comes
 * from the usage events the budget counted; the point for now is the budget's own total.
 */
export function burnSeries(detail: BudgetDetail): BurnPoint[] {
  const { status, dailySpend, now, timeZone } = detail;
  if (!status.periodStart || !status.periodEnd) return [];
  const start = status.periodStart.getTime();
  const end = status.periodEnd.getTime();
  const hourly = end - start <= HOURLY_UP_TO;
  const label = new Intl.DateTimeFormat("en-GB", hourly ? { hour: "2-digit", minute: "2-digit", timeZone } : { day: "numeric", month: "short", timeZone });

  const ticks = hourly ? hourTicks(start, end) : dayTicks(status.periodStart, end, timeZone);
  // A budget counts from its creation: nothing was spent against it before, whatever its period.
  const counting = Math.max(start, detail.budget.createdAt.getTime());
  const ratePerMs = status.burnRateMicrosPerHour / HOUR;
  const spentBefore = (instant: number) => {
    if (instant <= counting) return 0;
    // Spend per hour is not known: the line runs straight from the last known point to now.
    if (hourly) return undefined;
    const day = todayInZone(timeZone, new Date(instant));
    return dailySpend.filter((row) => row.day < day).reduce((sum, row) => sum + row.chargedMicros, 0);
  };

  const limit = credits(status.limitMicros);
  const points: BurnPoint[] = ticks
    .filter((tick) => tick < now.getTime())
    .map((tick) => {
      const spent = spentBefore(tick);
      return { at: label.format(tick), Spent: spent === undefined ? undefined : credits(spent), Limit: limit };
    });
  points.push({ at: "Now", Spent: credits(status.spentMicros), Projected: credits(status.spentMicros), Limit: limit });
  // The projection stops where it meets the limit, so a steep one does not flatten the rest of the chart.
  const left = status.limitMicros - status.spentMicros;
  const reach = left <= 0 ? now.getTime() : ratePerMs > 0 ? now.getTime() + left / ratePerMs : Number.POSITIVE_INFINITY;
  const future = ticks.filter((tick) => tick > now.getTime());
  if (reach > now.getTime() && reach < end) future.push(reach);
  future.push(end);
  for (const instant of future.sort((a, b) => a - b)) {
    const at = instant === end ? "Period end" : instant === reach ? `${label.format(instant)} (limit)` : label.format(instant);
    const value = instant <= reach ? credits(status.spentMicros + ratePerMs * (instant - now.getTime())) : undefined;
    points.push({ at, Projected: value, Limit: limit });
  }
  return points;
}

function hourTicks(start: number, end: number): number[] {
  const ticks: number[] = [];
  for (let tick = start; tick < end; tick += HOUR) ticks.push(tick);
  return ticks;
}

/** The start of each day (or every few days) of the period, in the organisation's time zone. */
function dayTicks(periodStart: Date, end: number, timeZone: string): number[] {
  const first = todayInZone(timeZone, periodStart);
  const days = Math.ceil((end - periodStart.getTime()) / (24 * HOUR));
  const step = Math.max(1, Math.ceil(days / MAX_POINTS));
  const ticks: number[] = [];
  for (let day = 0; day < days; day += step) {
    const tick = startOfDayInZone(addDays(first, day), timeZone).getTime();
    if (tick >= periodStart.getTime() && tick < end) ticks.push(tick);
  }
  return ticks;
}
