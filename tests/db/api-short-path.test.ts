import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type http from "node:http";
import { appRouter } from "../../server/api/root";
import { createApiKey } from "../../server/api-keys/api-keys";
import { TRPC_PREFIX } from "../../server/http/trpc-prefix";
import { singleCallOf } from "../../server/http/single-call";
import { startApiHttpServer, type ApiHttpServer } from "../support/api-http-server";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * The short path for single JSON calls (server/http/single-call.ts) answers exactly as tRPC's own
 * handler does: the same requests to a server with it and one without, compared byte for byte.
 */
const db = useTestDatabase();
let short: ApiHttpServer;
let trpc: ApiHttpServer;
let org: TestOrg;

beforeAll(async () => {
  [org, short, trpc] = await Promise.all([createTestOrg(db), startApiHttpServer(db), startApiHttpServer(db, { shortPath: false })]);
});
afterAll(async () => {
  await Promise.all([short.close(), trpc.close()]);
});

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: unknown;
}

async function ask(server: ApiHttpServer, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/api/trpc/${path}`, init);
  const text = await response.text();
  const headers = Object.fromEntries(["content-type", "vary", "retry-after", "allow"].map((name) => [name, response.headers.get(name)]));
  // An estimate says when it was made: the one field two calls cannot share.
  return { status: response.status, headers, body: JSON.parse(text.replaceAll(/"at":"[^"]+"/g, '"at":"…"')) as unknown };
}

/** The same request to both servers; their answers must be equal. */
async function same(path: string, init: RequestInit = {}): Promise<Answer> {
  const [mine, theirs] = [await ask(short, path, init), await ask(trpc, path, init)];
  expect(mine, path).toEqual(theirs);
  return mine;
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const query = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify(input))}`;

describe("the short path for single calls", () => {
  it("answers queries as tRPC does: data, validation errors, unknown and missing keys, missing scopes", async () => {
    const auth = { authorization: `Bearer ${org.apiKey.token}` };
    expect((await same(`pricing.estimate${query({ model: "test-small", inputTokens: 1_000 })}`, { headers: auth })).status).toBe(200);
    expect((await same(`pricing.estimate${query({ model: "test-small", inputTokens: -1 })}`, { headers: auth })).status).toBe(400);
    expect((await same(`pricing.estimate${query({ model: "no-such-model", inputTokens: 1 })}`, { headers: auth })).status).toBeGreaterThanOrEqual(400);
    expect((await same("credits.balance", { headers: auth })).status).toBe(200);
    expect((await same("credits.balance")).status).toBe(401);
    expect((await same("credits.balance", { headers: { authorization: `Bearer allot_${"Q".repeat(12)}_${"q".repeat(43)}` } })).status).toBe(401);
    const reader = await org.keyWith(["pricing:read"]);
    expect((await same("credits.balance", { headers: { authorization: `Bearer ${reader.token}` } })).status).toBe(403);
    expect((await same("org.members", { headers: auth })).status).toBe(403);
  });

  it("answers mutations as tRPC does: a replayed answer, bad JSON, a wrong method, an unknown procedure, a batch", async () => {
    const body = JSON.stringify({ idempotencyKey: "short-path-1", model: "test-small", inputTokens: 10 });
    const first = await ask(short, "usage.record", { method: "POST", headers: json(org.apiKey.token), body });
    expect(first.status).toBe(200);
    // Both now replay the stored answer.
    expect((await same("usage.record", { method: "POST", headers: json(org.apiKey.token), body })).status).toBe(200);
    const conflicting = JSON.stringify({ idempotencyKey: "short-path-1", model: "test-small", inputTokens: 11 });
    expect((await same("usage.record", { method: "POST", headers: json(org.apiKey.token), body: conflicting })).status).toBe(409);
    expect((await same("usage.record", { method: "POST", headers: json(org.apiKey.token), body: "{}" })).status).toBe(400);
    expect((await same(`usage.record${query({ idempotencyKey: "x", model: "test-small" })}`, { headers: json(org.apiKey.token) })).status).toBe(405);
    expect((await same("usage.nothing", { method: "POST", headers: json(org.apiKey.token), body: "{}" })).status).toBe(404);
    const batch = await same(`pricing.estimate?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { model: "test-small", inputTokens: 5 } }))}`, {
      headers: json(org.apiKey.token),
    });
    expect(batch.status).toBe(200);
  });

  it("says the same about malformed JSON, in a body or a query", async () => {
    expect((await same("usage.record", { method: "POST", headers: json(org.apiKey.token), body: "{not json" })).status).toBe(400);
    expect((await same("pricing.estimate?input=%7Bnope", { headers: json(org.apiKey.token) })).status).toBe(400);
  });

  it("sends Retry-After with a rate-limited call, as tRPC's handler does", async () => {
    const { token } = await createApiKey(db, { orgId: org.orgId, actor: "test", name: "slow", scopes: ["pricing:read"], rateLimitPerSecond: 1 });
    const path = `pricing.estimate${query({ model: "test-small", inputTokens: 1 })}`;
    const answers: Answer[] = [];
    for (let i = 0; i < 3; i++) answers.push(await ask(short, path, { headers: { authorization: `Bearer ${token}` } }));
    const limited = answers.find((answer) => answer.status === 429);
    expect(limited?.headers["retry-after"]).toBe("1");
    const viaTrpc: Answer[] = [];
    for (let i = 0; i < 3; i++) viaTrpc.push(await ask(trpc, path, { headers: { authorization: `Bearer ${token}` } }));
    expect(viaTrpc.find((answer) => answer.status === 429)).toEqual(limited);
  });

  it("is taken by single JSON calls only; the rest goes to tRPC's handler", () => {
    const request = (method: string, path: string, contentType?: string) =>
      ({ method, url: `${TRPC_PREFIX}${path}`, headers: contentType ? { "content-type": contentType } : {} }) as http.IncomingMessage;
    const taken = (method: string, path: string, contentType?: string) => singleCallOf(appRouter, request(method, path, contentType));
    expect(taken("GET", "pricing.estimate?input=%7B%7D")).toEqual({ path: "pricing.estimate", type: "query", queryInput: "{}" });
    expect(taken("GET", "credits.balance")).toEqual({ path: "credits.balance", type: "query" });
    expect(taken("POST", "usage.record", "application/json; charset=utf-8")).toEqual({ path: "usage.record", type: "mutation" });
    expect(taken("GET", "pricing.estimate?batch=1&input=%7B%7D")).toBeUndefined();
    expect(taken("POST", "usage.record", "text/plain")).toBeUndefined();
    expect(taken("POST", "usage.record")).toBeUndefined();
    expect(taken("GET", "usage.record")).toBeUndefined();
    expect(taken("POST", "pricing.estimate", "application/json")).toBeUndefined();
    expect(taken("POST", "usage.nothing", "application/json")).toBeUndefined();
    expect(taken("GET", "%E0%A4%A")).toBeUndefined();
  });
});
