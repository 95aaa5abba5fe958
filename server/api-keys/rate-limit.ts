import { performance } from "node:perf_hooks";
import { LruMap } from "../lib/lru-map";

/**
 * A token bucket per API key, in this process: `perSecond` calls a second on average, bursts of up
 * to twice that. With several server instances each keeps its own buckets, so a key's effective
 * limit is per instance (docs/performance.md). Refusals happen before any work: no ledger effect.
 */
interface Bucket {
  tokens: number;
  at: number;
}

const buckets = new LruMap<string, Bucket>(50_000);

export function takeToken(keyId: string, perSecond: number, now = performance.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
  const capacity = perSecond * 2;
  const bucket = buckets.get(keyId) ?? { tokens: capacity, at: now };
  bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
  bucket.at = now;
  buckets.set(keyId, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { ok: true };
  }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
}
