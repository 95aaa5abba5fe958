import { performance } from "node:perf_hooks";
import postgres from "postgres";
import type { Database } from "../../db/client";
import { LruMap } from "../lib/lru-map";

/**
 * Authenticated API keys, remembered per process so a call does not spend a database round trip
 * on its key — the largest single cost of a metering call once usage is recorded in groups.
 *
 * Revocation still takes effect at once: `revokeApiKey` sends `NOTIFY allot_api_keys` in its
 * transaction and forgets the key in its own process; every process with a cache listens and
 * forgets the key when the notification arrives (on commit, within a millisecond or so). The
 * cache is used only while that listener is connected: when its connection drops, the cache is
 * emptied and stays unused until `LISTEN` is in place again, so a missed notification can never
 * leave a revoked key usable. A lookup that raced an invalidation (it read the key before the
 * revocation committed, and answers after the notification) is not stored: every invalidation
 * bumps a generation, and an answer is stored only if the generation did not move while it was
 * being read. Entries are refreshed after a minute regardless.
 *
 * Off unless a server enables it for its pool (`enableApiKeyCache`): the production server does.
 */
export const API_KEY_CHANNEL = "allot_api_keys";
const MAX_AGE_MS = 60_000;
const CAPACITY = 50_000;
const RELISTEN_DELAY_MS = 250;

export interface CachedKey {
  org_id: string;
  id: string;
  name: string;
  scopes: string[];
  department_id: string | null;
  secret_hash: string;
  rate_limit_per_second: number | null;
}

export class ApiKeyCache {
  private readonly entries = new LruMap<string, { key: CachedKey; storedAt: number }>(CAPACITY);
  private generation = 0;
  private listening = false;

  /** The key stored under `prefix`, if the cache is live and the entry fresh. */
  get(prefix: string): CachedKey | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(prefix);
    if (!entry || performance.now() - entry.storedAt > MAX_AGE_MS) return undefined;
    return entry.key;
  }

  /** Call before reading a key from the database; pass the answer to `store`. */
  beginLookup(): number {
    return this.generation;
  }

  /** Stores what a lookup read, unless anything was invalidated since it began. */
  store(prefix: string, key: CachedKey, lookupGeneration: number): void {
    if (!this.listening || lookupGeneration !== this.generation) return;
    this.entries.set(prefix, { key, storedAt: performance.now() });
  }

  forget(prefix: string): void {
    this.generation++;
    this.entries.delete(prefix);
  }

  /** The listener connected (true) or lost its connection (false): either way, start empty. */
  setListening(listening: boolean): void {
    this.generation++;
    this.entries.clear();
    this.listening = listening;
  }
}

const caches = new WeakMap<Database, ApiKeyCache>();

/** The pool's key cache, when its server enabled one. */
export const apiKeyCacheOf = (db: unknown): ApiKeyCache | undefined => caches.get(db as Database);

/** Forgets a revoked key in this process at once (other processes hear the notification). */
export function forgetApiKey(db: unknown, prefix: string): void {
  apiKeyCacheOf(db)?.forget(prefix);
}

/**
 * Turns the key cache on for a pool: a dedicated connection listens for invalidations, and
 * reconnects (emptying the cache) when it is lost. Resolves once listening. `close` turns it off.
 */
export async function enableApiKeyCache(db: Database): Promise<{ cache: ApiKeyCache; close: () => Promise<void> }> {
  const cache = new ApiKeyCache();
  let closed = false;
  // The pool's parsed options, as postgres.js's own `listen` reuses them for its connection.
  const listener: postgres.Sql = postgres({
    ...db.$client.options,
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    connection: { ...db.$client.options.connection, application_name: `${db.$client.options.connection.application_name ?? "allot"}:key-cache` },
    onnotify: (channel: string, prefix: string) => {
      if (channel === API_KEY_CHANNEL) cache.forget(prefix);
    },
    onclose: () => {
      cache.setListening(false);
      if (!closed) setTimeout(() => void listen(), RELISTEN_DELAY_MS).unref();
    },
  } as unknown as postgres.Options<Record<string, never>>);

  async function listen(): Promise<void> {
    try {
      await listener.unsafe(`LISTEN ${API_KEY_CHANNEL}`);
      if (!closed) cache.setListening(true);
    } catch (error) {
      if (closed) return;
      console.error("[api-key-cache] LISTEN failed; the cache stays off until it succeeds", error);
      setTimeout(() => void listen(), RELISTEN_DELAY_MS * 4).unref();
    }
  }

  await listen();
  caches.set(db, cache);
  return {
    cache,
    close: async () => {
      closed = true;
      caches.delete(db);
      cache.setListening(false);
      await listener.end({ timeout: 1 });
    },
  };
}
