import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPagesProxy } from "../../server/http/pages-proxy";

/** A stand-in for the pages process: echoes what reached it, streams, or hangs. */
let pages: http.Server;
let proxy: http.Server;
let proxyPort: number;
const hungRequestClosed: Promise<void>[] = [];

beforeAll(async () => {
  pages = http.createServer((req, res) => {
    if (req.url === "/stream") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first,");
      setTimeout(() => res.end("second"), 50);
      return;
    }
    if (req.url === "/hang") {
      hungRequestClosed.push(new Promise((resolve) => res.on("close", () => resolve())));
      return;
    }
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      res.writeHead(201, "Made", [
        "Set-Cookie",
        "a=1; Path=/",
        "Set-Cookie",
        "b=2; Path=/",
        "Content-Type",
        "application/json",
        "Connection",
        "keep-alive, X-Upstream-Hop",
        "X-Upstream-Hop",
        "only between the processes",
      ]);
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
    });
  });
  await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
  proxy = http.createServer(createPagesProxy({ host: "127.0.0.1", port: (pages.address() as AddressInfo).port }));
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});

afterAll(async () => {
  proxy.closeAllConnections();
  pages.closeAllConnections();
  await Promise.all([new Promise((resolve) => proxy.close(resolve)), new Promise((resolve) => pages.close(resolve))]);
});

interface Answer {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: string;
}

function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: options.method ?? "GET", path: options.path, headers: options.headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, statusMessage: res.statusMessage!, rawHeaders: res.rawHeaders, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const headerValues = (raw: string[], name: string) => raw.flatMap((value, i) => (i % 2 === 1 && raw[i - 1]!.toLowerCase() === name ? [value] : []));

describe("the proxy to the pages process", () => {
  it("forwards method, path, query, headers and body, and answers with the pages' status, headers and body", async () => {
    const answer = await request(proxyPort, {
      method: "POST",
      path: "/usage/events?page=2&sort=desc",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "session=s1", "x-forwarded-for": "203.0.113.7" },
      body: "name=Support&limit=10",
    });
    expect([answer.status, answer.statusMessage]).toEqual([201, "Made"]);
    // Repeated headers stay repeated: two cookies set, not one.
    expect(headerValues(answer.rawHeaders, "set-cookie")).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    const seen = JSON.parse(answer.body) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect(seen).toMatchObject({ method: "POST", url: "/usage/events?page=2&sort=desc", body: "name=Support&limit=10" });
    expect(seen.headers).toMatchObject({ cookie: "session=s1", "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.7, 127.0.0.1" });
  });

  it("keeps each hop's connection headers to that hop, both ways", async () => {
    const answer = await request(proxyPort, { path: "/echo", headers: { connection: "keep-alive, X-Client-Hop", "x-client-hop": "secret", "keep-alive": "timeout=5" } });
    const seen = JSON.parse(answer.body) as { headers: Record<string, string> };
    expect(seen.headers["x-client-hop"]).toBeUndefined();
    expect(seen.headers["keep-alive"]).toBeUndefined();
    expect(headerValues(answer.rawHeaders, "x-upstream-hop")).toEqual([]);
  });

  it("streams an answer as the pages write it", async () => {
    const answer = await request(proxyPort, { path: "/stream" });
    expect([answer.status, answer.body]).toEqual([200, "first,second"]);
  });

  it("cancels the forwarded request when the client goes away", async () => {
    const client = http.request({ host: "127.0.0.1", port: proxyPort, path: "/hang", agent: false });
    client.on("error", () => {});
    client.end();
    while (hungRequestClosed.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    client.destroy();
    await hungRequestClosed[0];
  });

  it("answers 502 with a plain explanation when the pages process does not answer", async () => {
    const idle = http.createServer();
    await new Promise<void>((resolve) => idle.listen(0, "127.0.0.1", resolve));
    const port = (idle.address() as AddressInfo).port;
    await new Promise((resolve) => idle.close(resolve));
    const nowhere = http.createServer(createPagesProxy({ host: "127.0.0.1", port }));
    await new Promise<void>((resolve) => nowhere.listen(0, "127.0.0.1", resolve));
    try {
      const answer = await request((nowhere.address() as AddressInfo).port, { path: "/" });
      expect(answer.status).toBe(502);
      expect(answer.body).toMatch(/pages are not available/);
    } finally {
      await new Promise((resolve) => nowhere.close(resolve));
    }
  });
});
