import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageEvents } from "../../db/schema";
import { appCodeOf, createAllotClient, isAllotApiError, type AllotClient } from "../../server/api/client";
import { createCaller } from "../../server/api/root";
import type { AppCode } from "../../server/lib/errors";
import { startApiHttpServer, type ApiHttpServer } from "../support/api-http-server";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/** The API as sibling apps meet it: a real HTTP server, the typed client, and the raw wire format. */
const db = useTestDatabase();
let server: ApiHttpServer;
let org: TestOrg;
/** The HTTP status of the last response the typed client received. */
let lastStatus = 0;

const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  lastStatus = response.status;
  return response;
};

/** The shape of the OpenAI SDK's `CompletionUsage`. */
interface OpenAiCompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number };
}

const clientFor = (apiKey: string): AllotClient => createAllotClient({ url: server.url, apiKey, fetch: recordingFetch });

beforeAll(async () => {
  [org, server] = await Promise.all([createTestOrg(db, { starterMicros: 1_000_000 }), startApiHttpServer(db)]);
});

afterAll(async () => {
  await server.close();
});

describe("the API over HTTP with the typed client", () => {
  it("estimates, records, replays and reads the balance", async () => {
    const allot = clientFor(org.apiKey.token);
    const estimate = await allot.pricing.estimate.query({ model: "test-small", inputTokens: 1_000, outputTokens: 500 });
    expect(estimate).toMatchObject({ costMicros: 2_000, priceVersionId: org.priceVersionId, priceVersion: 1 });
    expect(typeof estimate.at).toBe("string");

    const event = { idempotencyKey: "http-1", model: "test-small", inputTokens: 1_000, outputTokens: 500, agent: "support-bot" };
    const first = await allot.usage.record.mutate(event);
    expect(first).toMatchObject({ costMicros: 2_000, chargedMicros: 2_000, balanceAfterMicros: 998_000, replay: false });
    const again = await allot.usage.record.mutate(event);
    expect(again).toEqual({ ...first, replay: true });

    const stored = await db
      .select({ id: usageEvents.id, costMicros: usageEvents.costMicros })
      .from(usageEvents)
      .where(and(eq(usageEvents.orgId, org.orgId), eq(usageEvents.idempotencyKey, "http-1")));
    expect(stored).toEqual([{ id: first.eventId, costMicros: 2_000 }]);

    // Calls made together travel in one batch and still answer one by one.
    const requestsBefore = server.bodies.length;
    const [balance, page] = await Promise.all([allot.credits.balance.query(), allot.usage.list.query({ limit: 10 })]);
    expect(server.bodies.length - requestsBefore).toBe(1);
    expect(balance.availableMicros).toBe(998_000);
    expect(page.events.map((e) => e.id)).toEqual([first.eventId]);
    expect(typeof page.events[0]!.occurredAt).toBe("string");
  });

  it("holds, settles with a provider usage object, and releases", async () => {
    const allot = clientFor(org.apiKey.token);
    const hold = await allot.usage.authorize.mutate({ idempotencyKey: "http-hold", model: "test-small", inputTokens: 2_000, outputTokens: 1_000 });
    expect(hold).toMatchObject({ heldMicros: 4_000, replay: false });
    // Typed as the OpenAI SDK types it (an interface): an app passes `completion.usage` as it is.
    const usage: OpenAiCompletionUsage = { prompt_tokens: 1_000, completion_tokens: 200, total_tokens: 1_200, prompt_tokens_details: { cached_tokens: 400 } };
    const settled = await allot.usage.settle.mutate({ reservationId: hold.reservationId, model: "test-small", usage });
    // 600 input × 1 + 200 output × 2 + 400 cached × 0.5 = 1,200 µcr; the rest of the hold returns.
    expect(settled).toMatchObject({ costMicros: 1_200, chargedMicros: 1_200, releasedMicros: 2_800, uncoveredMicros: 0 });
    const other = await allot.usage.authorize.mutate({ idempotencyKey: "http-hold-2", amountMicros: 500 });
    expect(await allot.usage.release.mutate({ reservationId: other.reservationId })).toEqual({
      reservationId: other.reservationId,
      status: "released",
      releasedMicros: 500,
    });
  });
});

describe("errors over HTTP", () => {
  const failureOf = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (error) {
      if (!isAllotApiError(error)) throw error;
      return { appCode: appCodeOf(error), httpStatus: error.data?.httpStatus, status: lastStatus, details: error.data?.details };
    }
    throw new Error("the call succeeded");
  };

  const expectFailure = async (call: Promise<unknown>, appCode: AppCode, httpStatus: number) => {
    const failure = await failureOf(call);
    expect(failure).toMatchObject({ appCode, httpStatus, status: httpStatus });
    const body = JSON.parse(server.bodies.at(-1)!) as { error: { data: { appCode: string; httpStatus: number } } }[];
    expect(body[0]!.error.data).toMatchObject({ appCode, httpStatus });
    return failure;
  };

  it("402 INSUFFICIENT_CREDITS, with what was needed and what is available", async () => {
    const poor = await createTestOrg(db, { starterMicros: 1_000 });
    const failure = await expectFailure(
      clientFor(poor.apiKey.token).usage.record.mutate({ idempotencyKey: "too-big", model: "test-large", inputTokens: 1_000 }),
      "INSUFFICIENT_CREDITS",
      402,
    );
    expect(failure.details).toMatchObject({ requiredMicros: 10_000, availableMicros: 1_000 });
  });

  it("409 IDEMPOTENCY_CONFLICT when a key comes back with another payload", async () => {
    const allot = clientFor(org.apiKey.token);
    await allot.usage.record.mutate({ idempotencyKey: "http-conflict", model: "test-small", inputTokens: 10 });
    await expectFailure(allot.usage.record.mutate({ idempotencyKey: "http-conflict", model: "test-small", inputTokens: 11 }), "IDEMPOTENCY_CONFLICT", 409);
  });

  it("422 UNKNOWN_MODEL", async () => {
    const failure = await expectFailure(clientFor(org.apiKey.token).pricing.estimate.query({ model: "no-such-model", inputTokens: 1 }), "UNKNOWN_MODEL", 422);
    expect(failure.details).toMatchObject({ model: "no-such-model" });
  });

  it("400 INVALID_INPUT names the field", async () => {
    await expectFailure(clientFor(org.apiKey.token).usage.record.mutate({ idempotencyKey: "neg", model: "test-small", inputTokens: -1 }), "INVALID_INPUT", 400);
    const body = JSON.parse(server.bodies.at(-1)!) as { error: { data: { issues: { path: string }[] } } }[];
    expect(body[0]!.error.data.issues.map((issue) => issue.path)).toEqual(["inputTokens"]);
  });

  it("400 INVALID_INPUT for input PostgreSQL cannot store (a NUL character), not an internal error", async () => {
    const call = clientFor(org.apiKey.token).usage.record.mutate({ idempotencyKey: "nul", model: "test-small", inputTokens: 1, user: "a\u0000b" });
    await expectFailure(call, "INVALID_INPUT", 400);
  });

  it("401 UNAUTHORIZED for an unknown, a malformed or a revoked key", async () => {
    await expectFailure(clientFor(`allot_${"Q".repeat(12)}_${"q".repeat(43)}`).credits.balance.query(), "UNAUTHORIZED", 401);
    await expectFailure(clientFor("nonsense").credits.balance.query(), "UNAUTHORIZED", 401);
    const key = await org.keyWith(["usage:read"]);
    const allot = clientFor(key.token);
    await allot.credits.balance.query();
    await createCaller({ db, principal: org.admin }).apiKeys.revoke({ id: key.apiKeyId });
    await expectFailure(allot.credits.balance.query(), "UNAUTHORIZED", 401);
  });

  it("403 FORBIDDEN for a key without the scope, or for a member-only procedure", async () => {
    const reader = clientFor((await org.keyWith(["pricing:read"])).token);
    await expectFailure(reader.usage.record.mutate({ idempotencyKey: "no-scope", model: "test-small", inputTokens: 1 }), "FORBIDDEN", 403);
    await expectFailure(reader.org.members.query(), "FORBIDDEN", 403);
  });

  it("answers plain HTTP: a GET query, a POST mutation, no key, a malformed body, an unknown procedure", async () => {
    const auth = { authorization: `Bearer ${org.apiKey.token}` };
    const input = encodeURIComponent(JSON.stringify({ model: "test-small", inputTokens: 1_000 }));
    const estimate = await fetch(`${server.url}/api/trpc/pricing.estimate?input=${input}`, { headers: auth });
    expect(estimate.status).toBe(200);
    expect(((await estimate.json()) as { result: { data: { costMicros: number } } }).result.data.costMicros).toBe(1_000);

    const post = (path: string, body: string, headers: Record<string, string> = auth) =>
      fetch(`${server.url}/api/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
    const recorded = await post("usage.record", JSON.stringify({ idempotencyKey: "curl-1", model: "test-small", inputTokens: 10 }));
    expect(recorded.status).toBe(200);
    expect(((await recorded.json()) as { result: { data: { costMicros: number } } }).result.data.costMicros).toBe(10);

    const cases: [Response, AppCode, number][] = [
      [await fetch(`${server.url}/api/trpc/credits.balance`), "UNAUTHORIZED", 401],
      [await post("usage.record", "{not json"), "INVALID_INPUT", 400],
      [await post("usage.nothing", "{}"), "NOT_FOUND", 404],
      // A mutation asked for with GET, the usual slip with curl.
      [await fetch(`${server.url}/api/trpc/usage.record?input=${input}`, { headers: auth }), "INVALID_INPUT", 405],
    ];
    for (const [response, appCode, status] of cases) {
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe(appCode);
    }
  });

  it("no response carries a stack trace, SQL, a PostgreSQL message or a constraint name", async () => {
    const auth = { authorization: `Bearer ${org.apiKey.token}`, "content-type": "application/json" };
    const hostile = [
      { idempotencyKey: "h-1", model: "test-small", inputTokens: 1, metadata: { k: "\u0000" } },
      { idempotencyKey: "h-2", model: "test-small", inputTokens: 1, department: "x".repeat(64) },
      { idempotencyKey: "h-3", model: "test-small", inputTokens: 1e12, outputTokens: 1e12 },
      { idempotencyKey: "h-4", operation: "agent_run", quantity: "999999999999.999999" },
      { idempotencyKey: "h-5", model: "test-small", timestamp: "1970-01-01T00:00:00Z", inputTokens: 1 },
      // 9e9 GB-days at 2 credits each: a cost beyond what an integer amount can carry.
      { idempotencyKey: "h-6", operation: "storage_gb_day", quantity: "9000000000" },
    ];
    for (const body of hostile) {
      const response = await fetch(`${server.url}/api/trpc/usage.record`, { method: "POST", headers: auth, body: JSON.stringify(body) });
      // Refused as the caller's mistake, never as an internal error.
      expect(response.status, body.idempotencyKey).toBeGreaterThanOrEqual(400);
      expect(response.status, body.idempotencyKey).toBeLessThan(500);
    }
    const leaks = [
      /\bstack\b/i,
      /\bat \S+ \(/,
      /\.ts:\d+/,
      /postgres/i,
      /\b(select|insert into|delete from)\b/i,
      /_fkey|_pkey|_key\b|_check\b|constraint/i,
      /drizzle|relation "/i,
    ];
    // Every body this file's requests received, the successful ones included.
    for (const body of server.bodies) for (const leak of leaks) expect(body).not.toMatch(leak);
  });
});
