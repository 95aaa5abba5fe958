import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageEvents } from "../../db/schema";
import { createApiKey } from "../../server/api-keys/api-keys";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";
import { startApiHttpServer, type ApiHttpServer } from "../support/api-http-server";

const db = useTestDatabase();
let server: ApiHttpServer;
beforeAll(async () => {
  server = await startApiHttpServer(db);
});
afterAll(async () => {
  await server.close();
});

describe("rate limits per API key", () => {
  it("answer 429 with Retry-After past the burst, and the refused call records nothing", async () => {
    const org = await createTestOrg(db);
    const { token } = await createApiKey(db, { orgId: org.orgId, actor: "test", name: "slow", scopes: ["usage:write"], rateLimitPerSecond: 1 });
    const record = (key: string) =>
      fetch(`${server.url}/api/trpc/usage.record`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ idempotencyKey: key, model: "test-small", inputTokens: 10 }),
      });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await record(`call-${i}`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await record("call-3");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()) as unknown).toMatchObject({ error: { data: { appCode: "RATE_LIMITED", details: { retryAfterSeconds: 1 } } } });
    expect(await db.$count(usageEvents, eq(usageEvents.orgId, org.orgId))).toBe(2);
  });

  it("limit each key on its own: another key of the same organisation is not slowed", async () => {
    const org = await createTestOrg(db);
    const slow = await createApiKey(db, { orgId: org.orgId, actor: "test", name: "slow", scopes: ["pricing:read"], rateLimitPerSecond: 1 });
    const call = (token: string) =>
      fetch(`${server.url}/api/trpc/pricing.list`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);
    expect([await call(slow.token), await call(slow.token), await call(slow.token)]).toEqual([200, 200, 429]);
    expect(await call(org.apiKey.token)).toBe(200);
  });
});
