import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "../../db/client";
import { enableProcessCaches } from "../../server/lib/process-caches";
import { createApiKeyHandler } from "../../server/http/api-key-handler";

export interface ApiHttpServer {
  url: string;
  /** Every response body sent so far, to check that none leaks internals. */
  bodies: string[];
  close(): Promise<void>;
}

/**
 * The API on a real HTTP server on 127.0.0.1, served by the production server's own handler for
 * API-key calls (server/http/api-key-handler.ts) against the test database, with the process caches on as
 * in production.
 */
export async function startApiHttpServer(db: Database, options: { shortPath?: boolean } = {}): Promise<ApiHttpServer> {
  const caches = await enableProcessCaches(db);
  const bodies: string[] = [];
  const handle = createApiKeyHandler(() => db, options);
  const server = http.createServer((req, res) => {
    // Keep a copy of what is written, through write() or end().
    const chunks: string[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    const keep = (chunk: unknown) => {
      if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk).toString());
      else if (typeof chunk === "string") chunks.push(chunk);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      keep(args[0]);
      const ended = end(...args);
      bodies.push(chunks.join(""));
      return ended;
    }) as typeof res.end;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await caches.close();
    },
  };
}
