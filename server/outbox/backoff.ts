const BASE_SECONDS = 30;
const CAP_SECONDS = 3_600;

/**
 * Seconds to wait before attempt `attempts + 1`: 30 s doubling per attempt, capped at one hour, with
 * "equal jitter" (between half and all of it) so dispatchers that failed together do not retry together.
 */
export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(CAP_SECONDS, BASE_SECONDS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
