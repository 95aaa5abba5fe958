import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../db/client";
import { apiKeys, creditWallets } from "../../db/schema";
import { authenticateApiKey, createApiKey, revokeApiKey } from "../../server/api-keys/api-keys";
import { bumpConfigVersion, readConfigVersion } from "../../server/org-config/config-version";
import { API_KEY_CHANNEL, enableProcessCaches } from "../../server/lib/process-caches";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * The process caches (server/lib/process-caches.ts) against a real PostgreSQL: `cached` is a pool with
 * them on, as the production server has; `other` is a second pool, as another process would be.
 */
const applicationName = `key-cache-${randomBytes(4).toString("hex")}`;
const cached = createDatabase({ url: inject("databaseUrl"), max: 4, applicationName });
const other = useTestDatabase();
let keyCache: Awaited<ReturnType<typeof enableProcessCaches>>;
let org: TestOrg;

beforeAll(async () => {
  [keyCache, org] = await Promise.all([enableProcessCaches(cached), createTestOrg(other)]);
});
afterAll(async () => {
  await keyCache.close();
  await cached.$client.end({ timeout: 5 });
});

const newKey = () => createApiKey(other, { orgId: org.orgId, actor: "test", name: "cached", scopes: ["usage:read"] });

/** Marks a key revoked behind the cache's back: no notification, so only the cache can still accept it. */
const revokeSilently = (id: string) => other.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));

/** Polls until `check` holds (a notification or a reconnection is asynchronous); fails after 10 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached within 10 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const accepts = async (token: string) => (await authenticateApiKey(cached, token)) !== undefined;

describe("the API key cache", () => {
  it("answers a known key without reading it again, and still checks the secret", async () => {
    const key = await newKey();
    expect(await accepts(key.token)).toBe(true);
    await revokeSilently(key.id);
    // Served from the cache: the row says revoked, but nothing told this process.
    expect(await accepts(key.token)).toBe(true);
    // The prefix alone is not enough: a wrong secret under a cached prefix is refused.
    expect(await accepts(`${key.prefix}_${randomBytes(32).toString("base64url")}`)).toBe(false);
    await other.execute(sql`SELECT pg_notify(${API_KEY_CHANNEL}, ${key.prefix})`);
    await eventually(async () => !(await accepts(key.token)));
  });

  it("hears a revocation committed by another process", async () => {
    const key = await newKey();
    expect(await accepts(key.token)).toBe(true);
    await revokeApiKey(other, { orgId: org.orgId, actor: "test", id: key.id });
    await eventually(async () => !(await accepts(key.token)));
  });

  it("forgets a key revoked in its own process as soon as the revocation returns", async () => {
    const key = await newKey();
    expect(await accepts(key.token)).toBe(true);
    await revokeApiKey(cached, { orgId: org.orgId, actor: "test", id: key.id });
    expect(await accepts(key.token)).toBe(false);
  });

  it("empties itself when its listener's connection is lost (a notification may have been missed), and is used again once it listens", async () => {
    const key = await newKey();
    expect(await accepts(key.token)).toBe(true);
    await revokeSilently(key.id);
    // The listener's backend goes away: notifications could be missed from now on.
    const [terminated] = await other.execute<{ terminated: boolean }>(
      sql`SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = ${`${applicationName}:caches`}`,
    );
    expect(terminated?.terminated).toBe(true);
    await eventually(async () => !(await accepts(key.token)));
    // It comes back: a fresh key is cached again (accepted after a silent revocation).
    const next = await newKey();
    await eventually(async () => {
      if (!(await accepts(next.token))) return false;
      return keyCache.caches.apiKeys.get(next.prefix) !== undefined;
    });
    await revokeSilently(next.id);
    expect(await accepts(next.token)).toBe(true);
  });

  it("is not used for a pool that did not enable it", async () => {
    const key = await newKey();
    expect(await authenticateApiKey(other, key.token)).toBeDefined();
    await revokeSilently(key.id);
    expect(await authenticateApiKey(other, key.token)).toBeUndefined();
  });
});

describe("the configuration version cache", () => {
  const version = async () => (await readConfigVersion(cached, org.orgId)).version;
  /** A version change behind the cache's back: no notification. */
  const bumpSilently = () => other.update(creditWallets).set({ configVersion: sql`${creditWallets.configVersion} + 1` }).where(eq(creditWallets.orgId, org.orgId));

  it("answers the version without reading it, until a change elsewhere is notified", async () => {
    const before = await version();
    await bumpSilently();
    expect(await version()).toBe(before);
    await bumpConfigVersion(other, org.orgId);
    await eventually(async () => (await version()) === before + 2);
  });

  it("keeps caching while other organisations' configurations keep changing", async () => {
    const busy = await createTestOrg(other);
    let changing = true;
    // Four connections change another organisation's configuration as fast as they can.
    const changes = Array.from({ length: 4 }, async () => {
      while (changing) await bumpConfigVersion(other, busy.orgId);
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Every read races notifications about the other organisation, none about this one.
      const before = await version();
      expect(keyCache.caches.configVersions.get(org.orgId)).toBe(before);
      await bumpSilently();
      expect(await version()).toBe(before);
    } finally {
      changing = false;
      await Promise.all(changes);
    }
    await bumpConfigVersion(other, org.orgId);
    await eventually(async () => (await version()) === (await readConfigVersion(other, org.orgId)).version);
  });

  it("does not answer from the cache for a change this process is making, even before its notification", async () => {
    const before = await version();
    expect(await version()).toBe(before);
    await cached.transaction(async (tx) => {
      await bumpConfigVersion(tx, org.orgId);
      // Not committed yet: the database still says `before`, and that answer must not be kept.
      expect(await version()).toBe(before);
    });
    expect(await version()).toBe(before + 1);
  });
});
