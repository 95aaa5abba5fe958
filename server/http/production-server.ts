import http from "node:http";
import next from "next";
import { getDb } from "../../db/client";
import { createApiKeyHandler, isApiKeyCall } from "./api-key-handler";

/**
 * `npm start`: the Next.js app, plus a direct path for sibling apps. API calls that present an API
 * key are answered by tRPC's Node adapter without going through Next.js's request pipeline (which
 * cost ~2 ms of CPU a call on a small machine — more than recording the usage); the same router,
 * the same procedures, the same checks. Everything else (pages, sessions) goes to Next.js.
 */
export async function startProductionServer(options: { port: number }): Promise<http.Server> {
  const app = next({ dev: false, dir: process.cwd() });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();
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
