import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { getDb } from "../../db/client";
import { enableProcessCaches } from "../lib/process-caches";
import { env } from "../env";
import { createApiKeyHandler, isApiKeyCall } from "./api-key-handler";
import { startPagesProcess } from "./pages-process";
import { createPagesProxy } from "./pages-proxy";

/**
 * `npm start`: two processes. This one owns the port and answers the API calls sibling apps make
 * with an API key — directly, without Next.js's request pipeline (which cost ~2 ms of CPU a call on
 * a small machine, more than recording the usage): the same router, procedures and checks. Every
 * other request (pages, sign-in, members' calls) is forwarded to Next.js, which runs in a process of
 * its own (server/http/pages-process.ts), so its async hooks and heap do not weigh on the API.
 * Either process ending ends the other. The API answers as soon as this process listens — it does
 * not wait for Next.js to start (a few seconds), so a restart costs sibling apps as little as it
 * can; page requests that arrive meanwhile wait for it. `onPagesExit` hears the pages process fail
 * to start or stop unexpectedly.
 */
export async function startProductionServer(options: {
  port: number;
  onPagesExit: (reason: string) => void;
}): Promise<{ stop: () => Promise<void> }> {
  requireBuildBasePath();
  const pages = startPagesProcess((code, signal) => options.onPagesExit(`it exited (code ${code}, signal ${signal})`));
  // Page requests that arrive before Next.js answers wait for it.
  const forwardToPages = pages.then(
    (started) => createPagesProxy(started),
    (error: unknown) => {
      options.onPagesExit(error instanceof Error ? error.message : String(error));
      return unavailable;
    },
  );
  // API keys and configuration versions remembered per process, emptied by notifications (server/lib/process-caches.ts).
  if (env.ALLOT_PROCESS_CACHES === "on") await enableProcessCaches(getDb());
  const handleApiKeyCall = createApiKeyHandler(getDb);
  const server = http.createServer((req, res) => {
    if (isApiKeyCall(req)) handleApiKeyCall(req, res);
    else void forwardToPages.then((forward) => forward(req, res));
  });
  // Long-lived keep-alive for sibling apps that reuse connections; longer than common proxies' idle timeout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  return {
    // Stop taking connections, let requests in flight finish (their transactions commit or roll back), then stop the pages.
    stop: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await Promise.all([closed, pages.then((started) => started.stop(), () => {})]);
    },
  };
}

/** The answer to a page request when the pages process could not start (the server is stopping). */
const unavailable: http.RequestListener = (_req, res) => {
  res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "5" });
  res.end("The pages are starting or restarting. Try again in a moment.\n");
};

/**
 * Next.js fixes the base path when it builds; our direct API path reads ALLOT_BASE_PATH when it
 * starts. A server started with another value than its build would answer pages at one path and the
 * API at another, so it refuses to start and says which.
 */
function requireBuildBasePath(): void {
  const manifest = path.join(process.cwd(), env.ALLOT_NEXT_DIST_DIR ?? ".next", "routes-manifest.json");
  if (!fs.existsSync(manifest)) return;
  const built = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { basePath?: string }).basePath ?? "";
  if (built !== env.ALLOT_BASE_PATH) {
    throw new Error(`ALLOT_BASE_PATH is "${env.ALLOT_BASE_PATH}" but the build was made with "${built}": build again with the same value (npm run build).`);
  }
}
