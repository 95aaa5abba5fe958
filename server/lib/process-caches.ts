import postgres from "postgres";
import type { Database } from "../../db/client";
import type { CachedKey } from "../api-keys/key-cache";
import { NotifiedCache } from "./notified-cache";

/**
 * The caches a server process keeps of facts other processes change, each emptied by a PostgreSQL
 * notification sent in the changing transaction (delivered when it commits):
 * - `apiKeys` (server/api-keys/key-cache.ts): authenticated keys by prefix; `allot_api_keys` on revocation;
 * - `configVersions` (server/org-config/config-version.ts): each organisation's configuration version,
 *   so an estimate or a status call does not read it; `allot_config` on every change.
 * One dedicated connection listens to both and reconnects (emptying them) when it is lost.
 * Off unless a server enables them for its pool: the production server does (ALLOT_PROCESS_CACHES=on, the default).
 */
export interface ProcessCaches {
  apiKeys: NotifiedCache<CachedKey>;
  configVersions: NotifiedCache<number>;
}

export const API_KEY_CHANNEL = "allot_api_keys";
export const CONFIG_CHANNEL = "allot_config";
const MAX_AGE_MS = 60_000;
const RELISTEN_DELAY_MS = 250;

// On globalThis: the production server runs Next.js's bundle and our sources side by side, each with
// its own copy of this module, sharing one pool; a change made through either must reach both.
const registry = ((globalThis as { allotProcessCaches?: { byPool: WeakMap<Database, ProcessCaches>; active: Set<ProcessCaches> } }).allotProcessCaches ??= {
  byPool: new WeakMap(),
  active: new Set(),
});
const { byPool, active } = registry;

/** The caches of a pool whose server enabled them (undefined for a transaction, which reads the database). */
export const processCachesOf = (db: unknown): ProcessCaches | undefined => byPool.get(db as Database);

/** Every enabled cache set of this process: a change made here is forgotten in all of them at once. */
export const activeProcessCaches = (): Iterable<ProcessCaches> => active;

/** Turns the caches on for a pool. Resolves once listening; `close` turns them off. */
export async function enableProcessCaches(db: Database): Promise<{ caches: ProcessCaches; close: () => Promise<void> }> {
  const caches: ProcessCaches = { apiKeys: new NotifiedCache(50_000, MAX_AGE_MS), configVersions: new NotifiedCache(10_000, MAX_AGE_MS) };
  const all = [caches.apiKeys, caches.configVersions];
  const setListening = (listening: boolean) => all.forEach((cache) => cache.setListening(listening));
  let closed = false;
  // The pool's parsed options, as postgres.js's own `listen` reuses them for its connection.
  const listener: postgres.Sql = postgres({
    ...db.$client.options,
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    connection: { ...db.$client.options.connection, application_name: `${db.$client.options.connection.application_name ?? "allot"}:caches` },
    onnotify: (channel: string, key: string) => {
      if (channel === API_KEY_CHANNEL) caches.apiKeys.forget(key);
      if (channel === CONFIG_CHANNEL) caches.configVersions.forget(key);
    },
    onclose: () => {
      setListening(false);
      if (!closed) setTimeout(() => void listen(), RELISTEN_DELAY_MS).unref();
    },
  } as unknown as postgres.Options<Record<string, never>>);

  async function listen(): Promise<void> {
    try {
      await listener.unsafe(`LISTEN ${API_KEY_CHANNEL}; LISTEN ${CONFIG_CHANNEL}`);
      if (!closed) setListening(true);
    } catch (error) {
      if (closed) return;
      console.error("[caches] LISTEN failed; the caches stay off until it succeeds", error);
      setTimeout(() => void listen(), RELISTEN_DELAY_MS * 4).unref();
    }
  }

  await listen();
  byPool.set(db, caches);
  active.add(caches);
  return {
    caches,
    close: async () => {
      closed = true;
      byPool.delete(db);
      active.delete(caches);
      setListening(false);
      await listener.end({ timeout: 1 });
    },
  };
}
