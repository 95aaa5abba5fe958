import { timingSafeEqual } from "node:crypto";
import { getDb } from "@/db/client";
import { env } from "@/server/env";
import { isJobName, runJob } from "@/server/jobs/jobs";

/**
 * Runs one background job on demand, for serverless deployments without a long-running process
 * (`POST /api/cron/expire-reservations` with `Authorization: Bearer $CRON_SECRET`).
 */
async function handler(req: Request, { params }: { params: Promise<{ job: string }> }) {
  const { job } = await params;
  if (!env.CRON_SECRET) return Response.json({ error: "The cron route is disabled: set CRON_SECRET" }, { status: 404 });
  const presented = Buffer.from(req.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${env.CRON_SECRET}`);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    return Response.json({ error: "Unauthorized" }, { status: 401 });
  }
  if (!isJobName(job)) return Response.json({ error: `Unknown job ${job}` }, { status: 404 });
  return Response.json({ job, result: await runJob(getDb(), job) });
}

export { handler as GET, handler as POST };
