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
