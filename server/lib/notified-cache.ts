import { performance } from "node:perf_hooks";
import { LruMap } from "./lru-map";

/**
 * A per-process cache of database facts that other processes invalidate through PostgreSQL
 * `NOTIFY` (server/lib/process-caches.ts listens). It answers only while its listener is connected:
 * when the connection drops it is emptied and unused until `LISTEN` is back, so a missed
 * notification never leaves a stale entry in use. A lookup overtaken by an invalidation of its key
 * is not stored (every invalidation takes a new generation and remembers it for its key; an answer
 * is stored only if its key was not invalidated, and the listener did not reconnect, after the
 * lookup began). Invalidations of other keys do not matter, so a busy stream of changes elsewhere
 * does not keep the cache empty. Entries are re-read after `maxAgeMs` regardless.
 */
export class NotifiedCache<V> {
  private readonly entries: LruMap<string, { value: V; storedAt: number }>;
  /** Keys changed by this process whose notification has not arrived yet: not answered, not stored. */
  private readonly held = new Map<string, number>();
  private generation = 0;
  /** The generation of each key's last invalidation (bounded: see `noteInvalidated`). */
  private readonly invalidatedAt = new Map<string, number>();
  /** Lookups begun before this generation are not stored (reconnection, or forgotten invalidations). */
  private storableFrom = 0;
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

  /** Stores what a lookup read, unless its key was invalidated since it began or is held. */
  store(key: string, value: V, lookupGeneration: number): void {
    if (!this.listening || lookupGeneration < this.storableFrom || this.isHeld(key)) return;
    if ((this.invalidatedAt.get(key) ?? -1) > lookupGeneration) return;
    this.entries.set(key, { value, storedAt: performance.now() });
  }

  /** A notification (or this process) says `key` changed. Releases a hold on it. */
  forget(key: string): void {
    this.noteInvalidated(key);
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
    this.storableFrom = ++this.generation;
    this.invalidatedAt.clear();
    this.entries.clear();
    this.listening = listening;
  }

  /**
   * Remembers that `key` changed at a new generation. The memory is bounded by the cache's capacity:
   * when it is full it is dropped, and every lookup begun before then is refused instead.
   */
  private noteInvalidated(key: string): void {
    const generation = ++this.generation;
    if (this.invalidatedAt.size >= this.entries.capacity && !this.invalidatedAt.has(key)) {
      this.invalidatedAt.clear();
      this.storableFrom = generation;
    }
    this.invalidatedAt.set(key, generation);
  }

  private isHeld(key: string): boolean {
    const since = this.held.get(key);
    if (since === undefined) return false;
    if (performance.now() - since <= this.maxAgeMs) return true;
    this.held.delete(key);
    return false;
  }
}
