import { performance } from "node:perf_hooks";
import { summarize, type LatencySummary } from "./stats";

export interface LoadResult {
  /** Calls that succeeded. */
  ok: number;
  failed: number;
  /** Units of work done (events for batches, calls otherwise). */
  units: number;
  /** Units of work done (events for batches, calls otherwise) per second. */
  perSecond: number;
  latency: LatencySummary;
  seconds: number;
  errors: Record<string, number>;
}

/**
 * A closed-loop load: `clients` loops, each calling `call(client, n)` back to back until `seconds`
 * have passed. `call` returns how many units of work it did (1 for a single event, 500 for a batch).
 */
export async function runLoad(options: {
  clients: number;
  seconds: number;
  call: (client: number, n: number) => Promise<number>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  let units = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const begin = performance.now();
        try {
          // Awaited first: `units += await …` would add to the value read before the await.
          const done = await options.call(client, n);
          units += done;
          ok++;
          latencies.push(performance.now() - begin);
        } catch (error) {
          failed++;
          const key = error instanceof Error ? error.message.slice(0, 80) : String(error);
          errors[key] = (errors[key] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ok, failed, units, perSecond: Math.round(units / seconds), latency: summarize(latencies), seconds, errors };
}

/**
 * An open-loop load: call `n` starts at its scheduled time (`ratePerSecond` evenly spaced) whether
 * or not earlier calls have answered, as independent callers do. Latency counts from the scheduled
 * start, so waiting behind a slow call is not hidden (no coordinated omission). Past `maxInFlight`
 * unanswered calls the server is overloaded: the call is not sent and counts as failed.
 */
export async function runOpenLoad(options: {
  ratePerSecond: number;
  seconds: number;
  maxInFlight?: number;
  call: (n: number, scheduledAt: number) => Promise<number>;
}): Promise<LoadResult> {
  const maxInFlight = options.maxInFlight ?? 256;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  let units = 0;
  let inFlight = 0;
  const calls: Promise<void>[] = [];
  const intervalMs = 1000 / options.ratePerSecond;
  const total = Math.floor(options.seconds * options.ratePerSecond);
  const started = performance.now();
  const fail = (error: unknown) => {
    failed++;
    const key = error instanceof Error ? error.message.slice(0, 80) : String(error);
    errors[key] = (errors[key] ?? 0) + 1;
  };
  for (let n = 0; n < total; ) {
    const now = performance.now();
    for (; n < total && started + n * intervalMs <= now; n++) {
      const scheduledAt = started + n * intervalMs;
      if (inFlight >= maxInFlight) {
        fail(new Error(`overloaded: ${maxInFlight} calls unanswered`));
        continue;
      }
      inFlight++;
      calls.push(
        options.call(n, scheduledAt).then(
          (done) => {
            inFlight--;
            units += done;
            ok++;
            latencies.push(performance.now() - scheduledAt);
          },
          (error: unknown) => {
            inFlight--;
            fail(error);
          },
        ),
      );
    }
    // Wake for the next scheduled call (timers have millisecond resolution: calls due meanwhile start together).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + n * intervalMs - performance.now())));
  }
  await Promise.all(calls);
  const seconds = (performance.now() - started) / 1000;
  return { ok, failed, units, perSecond: Math.round(units / seconds), latency: summarize(latencies), seconds, errors };
}
