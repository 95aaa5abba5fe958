import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { getDb } from "../../db/client";
import { enableProcessCaches } from "../lib/process-caches";
import { env } from "../env";
import { createApiKeyHandler, isApiKeyCall } from "./api-key-handler";

/**
 * `npm start`: the Next.js app, plus a direct path for sibling apps. API calls that present an API
 * key are answered by tRPC's Node adapter without going through Next.js's request pipeline (which
 * cost ~2 ms of CPU a call on a small machine — more than recording the usage); the same router,
 * the same procedures, the same checks. Everything else (pages, sessions) goes to Next.js.
 */
export async function startProductionServer(options: { port: number }): Promise<http.Server> {
  requireBuildBasePath();
  const app = next({ dev: false, dir: process.cwd() });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();
  // API keys and configuration versions remembered per process, emptied by notifications (server/lib/process-caches.ts).
  if (env.ALLOT_PROCESS_CACHES === "on") await enableProcessCaches(getDb());
  const handleApiKeyCall = createApiKeyHandler(getDb);
  const server = http.createServer((req, res) => {
    if (isApiKeyCall(req)) handleApiKeyCall(req, res);
    else void handleWithNext(req, res);
  });
  // Long-lived keep-alive for sibling apps that reuse connections; longer than common proxies' idle timeout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  return server;
}

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
