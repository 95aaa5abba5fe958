import http from "node:http";
import next from "next";
import { getDb } from "../../db/client";
import { env } from "../env";
import { enableProcessCaches } from "../lib/process-caches";
import { PAGES_HOST, type PagesReady } from "./pages-process";

/**
 * Entry of the pages process (server/http/pages-process.ts starts it): Next.js — pages, sign-in,
 * members' API calls, the background jobs (instrumentation.ts) — on a loopback port of its own,
 * told to the API process once it answers. It leaves when the API process does.
 */
const app = next({ dev: false, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();
if (env.ALLOT_PROCESS_CACHES === "on") await enableProcessCaches(getDb());
const server = http.createServer((req, res) => void handle(req, res));
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(0, PAGES_HOST, resolve));
const ready: PagesReady = { pagesListening: (server.address() as { port: number }).port };
process.send!(ready);

// The API process went away (however it ended): nothing can reach these pages any more.
process.on("disconnect", () => process.exit(0));
// Stop taking connections, let requests in flight finish, then leave. The signal may come twice (to
// the process group, then from the API process stopping it): the second must not cut requests short.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
  server.closeIdleConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
