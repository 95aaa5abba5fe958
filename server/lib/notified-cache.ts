import { performance } from "node:perf_hooks";
import { LruMap } from "./lru-map";

/**
 * A per-process cache of database facts that other processes invalidate through PostgreSQL
 * `NOTIFY` (server/lib/process-caches.ts listens). It answers only while its listener is connected:
 * when the connection drops it is emptied and unused until `LISTEN` is back, so a missed
 * notification never leaves a stale entry in use. A lookup overtaken by an invalidation is not
 * stored (every invalidation bumps a generation, and an answer is stored only if the generation did
 * not move while it was being read). Entries are re-read after `maxAgeMs` regardless.
 */
export class NotifiedCache<V> {
  private readonly entries: LruMap<string, { value: V; storedAt: number }>;
  /** Keys changed by this process whose notification has not arrived yet: not answered, not stored. */
  private readonly held = new Map<string, number>();
  private generation = 0;
  private listening = false;

  constructor(
    capacity: number,
    private readonly maxAgeMs: number,
  ) {
    this.entries = new LruMap(capacity);
  }

  /** The value stored under `key`, if the cache is live, the entry fresh and the key not held. */
  get(key: string): V | undefined {
    if (!this.listening || this.isHeld(key)) return undefined;
    const entry = this.entries.get(key);
    if (!entry || performance.now() - entry.storedAt > this.maxAgeMs) return undefined;
    return entry.value;
  }

  /** Call before reading a value from the database; pass the answer to `store`. */
  beginLookup(): number {
    return this.generation;
  }

  /** Stores what a lookup read, unless anything was invalidated since it began or the key is held. */
  store(key: string, value: V, lookupGeneration: number): void {
    if (!this.listening || lookupGeneration !== this.generation || this.isHeld(key)) return;
    this.entries.set(key, { value, storedAt: performance.now() });
  }

  /** A notification (or this process) says `key` changed. Releases a hold on it. */
  forget(key: string): void {
    this.generation++;
    this.held.delete(key);
    this.entries.delete(key);
  }

  /**
   * This process is changing `key` in a transaction not committed yet: forget it, and neither
   * answer nor store it until the change's notification arrives (or `maxAgeMs` passes, for a
   * change that was rolled back and so sends none).
   */
  holdUntilNotified(key: string): void {
    this.forget(key);
    this.held.set(key, performance.now());
  }

  /** The listener connected (true) or lost its connection (false): either way, start empty. */
  setListening(listening: boolean): void {
    this.generation++;
    this.entries.clear();
    this.listening = listening;
  }

  private isHeld(key: string): boolean {
    const since = this.held.get(key);
    if (since === undefined) return false;
    if (performance.now() - since <= this.maxAgeMs) return true;
    this.held.delete(key);
    return false;
  }
}
