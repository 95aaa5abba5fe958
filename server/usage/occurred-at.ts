import { invalidInput } from "../lib/errors";

/** Events may be stamped a little ahead of the database's clock (client clock skew), not more. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** When an action happened: its timestamp (at most the allowed skew ahead of the database's clock), else now. */
export function occurredAtOf(input: { timestamp?: string }, now: Date, index?: number): Date {
  if (!input.timestamp) return now;
  const at = new Date(input.timestamp);
  if (at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw invalidInput("timestamp is in the future", { index, timestamp: input.timestamp });
  }
  return at;
}
