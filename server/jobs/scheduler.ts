import type { Database } from "../../db/client";
import { JOBS, runJob, type JobName } from "./jobs";

const INTERVAL_MS = 5_000;

/**
 * Runs every job every few seconds inside a long-running server (`next start`), one at a time, so a
 * slow run never overlaps the next. Returns a function that stops it.
 */
export function startScheduler(db: Database, log: (message: string, error?: unknown) => void = console.error): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    for (const name of Object.keys(JOBS) as JobName[]) {
      if (stopped) return;
      try {
        await runJob(db, name);
      } catch (error) {
        log(`[jobs] ${name} failed`, error);
      }
    }
    if (!stopped) timer = setTimeout(tick, INTERVAL_MS);
  };
  timer = setTimeout(tick, INTERVAL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
