import { randomBytes, timingSafeEqual } from "node:crypto";
import { performance } from "node:perf_hooks";
import { and, desc, eq, sql } from "drizzle-orm";
import { apiKeys, type ApiKeyScope } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import type { ApiKeyPrincipal } from "../auth/principal";
import { invalidInput, notFound } from "../lib/errors";
import { env } from "../env";
import { sha256 } from "../lib/hash";
import { LruMap } from "../lib/lru-map";
import { allotSchemaName, rawClient } from "../lib/raw-sql";
import { API_KEY_CHANNEL, apiKeyCacheOf, forgetApiKey, type CachedKey } from "./key-cache";

/**
 * Keys look like `allot_<prefix>_<secret>`. The prefix is stored in clear (to find the key and to
 * show people which key is which); the whole key only as a SHA-256 — it is shown once, at creation.
 */
const TOKEN = /^allot_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** last_used_at is written at most this often per key, so a busy key does not write on every call. */
const LAST_USED_RESOLUTION_SECONDS = 60;

function randomPrefix(): string {
  const bytes = randomBytes(12);
  return [...bytes].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
}

export async function createApiKey(
  db: DbOrTx,
  input: {
    orgId: string;
    actor: string;
    actorMemberId?: string | null;
    name: string;
    scopes: ApiKeyScope[];
    departmentId?: string | null;
    /** Calls a second; null or absent for the server's default. */
    rateLimitPerSecond?: number | null;
  },
): Promise<{ id: string; prefix: string; token: string }> {
  if (input.scopes.length === 0) throw invalidInput("An API key needs at least one scope");
  const prefix = randomPrefix();
  const token = `allot_${prefix}_${randomBytes(32).toString("base64url")}`;
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        orgId: input.orgId,
        name: input.name,
        prefix: `allot_${prefix}`,
        secretHash: sha256(token),
        scopes: [...new Set(input.scopes)],
        departmentId: input.departmentId ?? null,
        rateLimitPerSecond: input.rateLimitPerSecond ?? null,
        createdByMemberId: input.actorMemberId ?? null,
      })
      .returning({ id: apiKeys.id });
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: "api_key.created",
      targetType: "api_key",
      targetId: row!.id,
      after: { name: input.name, prefix: `allot_${prefix}`, scopes: input.scopes, departmentId: input.departmentId ?? null },
    });
    return { id: row!.id, prefix: `allot_${prefix}`, token };
  });
}

/** When this process last wrote a key's last_used_at (performance.now()), so a busy key writes once a minute. */
const lastUsedWritten = new LruMap<string, number>(50_000);

/**
 * The principal for a presented key, or undefined when it is malformed, unknown or revoked. Without
 * a key cache the key is read on every call; with one (server/api-keys/key-cache.ts) it is read when
 * the cache cannot answer, and a revocation's notification empties it. The secret is checked every time.
 */
export async function authenticateApiKey(db: DbOrTx, token: string): Promise<ApiKeyPrincipal | undefined> {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const prefix = `allot_${match[1]}`;
  const sql = rawClient(db);
  const cache = apiKeyCacheOf(db);
  let row = cache?.get(prefix);
  if (!row) {
    const generation = cache?.beginLookup();
    // On every API call the cache cannot answer: a raw statement (server/lib/raw-sql.ts).
    [row] = await sql<CachedKey[]>`SELECT org_id, id, name, scopes, department_id, secret_hash, rate_limit_per_second
      FROM ${sql(allotSchemaName)}.api_keys WHERE prefix = ${prefix} AND revoked_at IS NULL`;
    if (!row) return undefined;
    if (cache && generation !== undefined) cache.store(prefix, row, generation);
  }
  const presented = Buffer.from(sha256(token), "hex");
  const stored = Buffer.from(row.secret_hash, "hex");
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return undefined;
  const now = performance.now();
  const written = lastUsedWritten.get(row.id);
  if (written === undefined || now - written > LAST_USED_RESOLUTION_SECONDS * 1000) {
    lastUsedWritten.set(row.id, now);
    await sql`UPDATE ${sql(allotSchemaName)}.api_keys SET last_used_at = now()
      WHERE org_id = ${row.org_id} AND id = ${row.id}
        AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}))`;
  }
  return {
    kind: "apiKey",
    orgId: row.org_id,
    apiKeyId: row.id,
    name: row.name,
    scopes: row.scopes as ApiKeyScope[],
    departmentId: row.department_id,
    rateLimitPerSecond: row.rate_limit_per_second ?? env.ALLOT_API_RATE_LIMIT_PER_SECOND,
  };
}

export async function listApiKeys(db: DbOrTx, orgId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      departmentId: apiKeys.departmentId,
      rateLimitPerSecond: apiKeys.rateLimitPerSecond,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt));
}

/**
 * Revocation takes effect on the key's next request: the notification sent on commit empties every
 * process's key cache (server/api-keys/key-cache.ts), and this process forgets the key as soon as
 * the revocation is committed.
 */
export async function revokeApiKey(db: DbOrTx, input: { orgId: string; actor: string; id: string }) {
  const prefix = await withTransaction(db, async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
      .where(and(eq(apiKeys.orgId, input.orgId), eq(apiKeys.id, input.id)))
      .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
    if (!row) throw notFound("API key", { id: input.id });
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "api_key.revoked", targetType: "api_key", targetId: row.id, after: row });
    await tx.execute(sql`SELECT pg_notify(${API_KEY_CHANNEL}, ${row.prefix})`);
    return row.prefix;
  });
  forgetApiKey(prefix);
}
