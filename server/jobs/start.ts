import { getDb } from "../../db/client";
import { env } from "../env";
import { startScheduler } from "./scheduler";

const globalForJobs = globalThis as unknown as { allotJobsStarted?: boolean };

export function startBackgroundJobs(): void {
  if (env.ALLOT_BACKGROUND_JOBS !== "on" || !env.DATABASE_URL || globalForJobs.allotJobsStarted) return;
  globalForJobs.allotJobsStarted = true;
  startScheduler(getDb());
}
