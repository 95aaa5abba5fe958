import { timeZoneOffsetMinutes } from "@/app/_lib/format";

/**
 * A datetime-local field sends a wall-clock time without a zone ("2026-03-01T09:00"); the console
 * reads it in the organisation's time zone, as it shows every date.
 */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const offsetMs = (instant: number, timeZone: string) => timeZoneOffsetMinutes(new Date(instant), timeZone) * 60_000;

export function wallTimeToInstant(wallTime: string, timeZone: string): Date | undefined {
  const match = WALL_TIME.exec(wallTime);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at a first guess, then again at the corrected instant in case a DST change lies between.
  const guess = asUtc - offsetMs(asUtc, timeZone);
  return new Date(asUtc - offsetMs(guess, timeZone));
}

/** The wall-clock time of an instant in `timeZone`, in the datetime-local field's format. */
export function instantToWallTime(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + offsetMs(instant.getTime(), timeZone)).toISOString().slice(0, 16);
}
