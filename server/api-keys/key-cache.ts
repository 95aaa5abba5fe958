import { activeProcessCaches, processCachesOf } from "../lib/process-caches";
import type { NotifiedCache } from "../lib/notified-cache";

/**
 * Authenticated API keys, remembered per process (server/lib/process-caches.ts) so a call does not
 * spend a database round trip on its key. Revocation still takes effect at once: `revokeApiKey`
 * sends `NOTIFY allot_api_keys` in its transaction and forgets the key in its own process once
 * committed; every other process forgets it when the notification arrives.
 */
export { API_KEY_CHANNEL } from "../lib/process-caches";

/** An api_keys row as authentication reads it. */
export interface CachedKey {
  org_id: string;
  id: string;
  name: string;
  scopes: string[];
  department_id: string | null;
  secret_hash: string;
  rate_limit_per_second: number | null;
}

/** The pool's key cache, when its server enabled one. */
export const apiKeyCacheOf = (db: unknown): NotifiedCache<CachedKey> | undefined => processCachesOf(db)?.apiKeys;

/** Forgets a revoked key in this process at once (other processes hear the notification). */
export function forgetApiKey(prefix: string): void {
  for (const caches of activeProcessCaches()) caches.apiKeys.forget(prefix);
}
