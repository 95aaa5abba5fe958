/** Next.js calls this once per server start: the background jobs run inside `next start` / `next dev`. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("./server/jobs/start");
  startBackgroundJobs();
}
