interface Slot<V> {
  value: V;
  /** Read or written since the last eviction sweep passed it. */
  used: boolean;
}

/**
 * A Map that forgets its least recently used entries beyond `capacity` — approximately: an entry
 * used since the last eviction sweep passed it gets a second chance (the CLOCK algorithm).
 *
 * Reads and updates of a present key only mark it; the Map's order changes only when an entry is
 * added or evicted. Moving every read entry to the end (delete, then set) made V8 rebuild the Map's
 * table again and again — and a long-lived Map's table lives in the old generation, so each rebuild
 * was garbage there, half of what the API process promoted under load and the major collections
 * behind its latency tails (docs/performance.md).
 */
export class LruMap<K, V> {
  private readonly slots = new Map<K, Slot<V>>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  has(key: K): boolean {
    return this.slots.has(key);
  }

  set(key: K, value: V): void {
    const slot = this.slots.get(key);
    if (slot !== undefined) {
      slot.value = value;
      slot.used = true;
      return;
    }
    this.slots.set(key, { value, used: true });
    if (this.slots.size > this.capacity) this.evictOne();
  }

  delete(key: K): void {
    this.slots.delete(key);
  }

  clear(): void {
    this.slots.clear();
  }

  get size(): number {
    return this.slots.size;
  }

  /** Evicts the oldest entry not used since the sweep last passed it; used ones go to the end, unmarked (so one is always found). */
  private evictOne(): void {
    for (const [key, slot] of this.slots) {
      this.slots.delete(key);
      if (!slot.used) return;
      slot.used = false;
      this.slots.set(key, slot);
    }
  }
}
