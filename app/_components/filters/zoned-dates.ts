import { timeZoneOffsetMinutes } from "@/app/_lib/format";

/** Date filters are calendar days in the organisation's time zone, written YYYY-MM-DD. */
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDay(text: string): boolean {
  const match = CALENDAR_DAY.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The instant a calendar day begins in `timeZone` (the offset is re-read once, for days that start a DST change). */
export function startOfDayInZone(day: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  const first = midnightUtc - timeZoneOffsetMinutes(new Date(midnightUtc), timeZone) * 60_000;
  return new Date(midnightUtc - timeZoneOffsetMinutes(new Date(first), timeZone) * 60_000);
}

/** The calendar day `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today's date in `timeZone`. */
export function todayInZone(timeZone: string, now = new Date()): string {
  return new Date(now.getTime() + timeZoneOffsetMinutes(now, timeZone) * 60_000).toISOString().slice(0, 10);
}
