import http from "node:http";
import type { AddressInfo } from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Database } from "../../db/client";
import { appRouter } from "../../server/api/root";
import { apiKeyRequestContext } from "./api-context";

export interface ApiHttpServer {
  url: string;
  /** Every response body sent so far, to check that none leaks internals. */
  bodies: string[];
  close(): Promise<void>;
}

/**
 * The tRPC API on a real HTTP server on 127.0.0.1, served like app/api/trpc/[trpc]/route.ts but
 * against the test database: the Bearer key is authenticated on every request.
 */
export async function startApiHttpServer(db: Database): Promise<ApiHttpServer> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error("[api-http-server]", error);
      res.statusCode = 500;
      res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const method = req.method ?? "GET";
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => apiKeyRequestContext(db, request.headers),
    });
    const body = await response.text();
    bodies.push(body);
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
