import { describe, expect, it } from "vitest";
import type { CachedKey } from "../../server/api-keys/key-cache";
import { NotifiedCache } from "../../server/lib/notified-cache";

const key: CachedKey = { org_id: "o", id: "k", name: "n", scopes: ["usage:read"], department_id: null, secret_hash: "h", rate_limit_per_second: null };

function listeningCache(): NotifiedCache<CachedKey> {
  const cache = new NotifiedCache<CachedKey>(100, 60_000);
  cache.setListening(true);
  return cache;
}

describe("NotifiedCache", () => {
  it("stores what a lookup read and answers it", () => {
    const cache = listeningCache();
    cache.store("allot_a", key, cache.beginLookup());
    expect(cache.get("allot_a")).toEqual(key);
  });

  it("drops a lookup that an invalidation of its key overtook (it may have read the key before the revocation)", () => {
    const cache = listeningCache();
    const lookup = cache.beginLookup();
    cache.forget("allot_a");
    cache.store("allot_a", key, lookup);
    expect(cache.get("allot_a")).toBeUndefined();
    // A lookup begun after the invalidation is kept.
    cache.store("allot_a", key, cache.beginLookup());
    expect(cache.get("allot_a")).toEqual(key);
  });

  it("keeps a lookup while other keys are invalidated (a busy stream of changes elsewhere does not keep it empty)", () => {
    const cache = listeningCache();
    const lookup = cache.beginLookup();
    cache.forget("allot_other");
    cache.holdUntilNotified("allot_third");
    cache.store("allot_a", key, lookup);
    expect(cache.get("allot_a")).toEqual(key);
  });

  it("remembers a bounded number of invalidations, and refuses lookups older than what it forgot", () => {
    const cache = new NotifiedCache<CachedKey>(3, 60_000);
    cache.setListening(true);
    const old = cache.beginLookup();
    cache.forget("allot_a");
    for (const other of ["allot_b", "allot_c", "allot_d"]) cache.forget(other);
    // allot_a's invalidation is no longer remembered: the old lookup cannot be proven safe.
    cache.store("allot_a", key, old);
    expect(cache.get("allot_a")).toBeUndefined();
    cache.store("allot_a", key, cache.beginLookup());
    expect(cache.get("allot_a")).toEqual(key);
  });

  it("forgets a key, and everything when the listener connects or disconnects", () => {
    const cache = listeningCache();
    cache.store("allot_a", key, cache.beginLookup());
    cache.store("allot_b", key, cache.beginLookup());
    cache.forget("allot_a");
    expect(cache.get("allot_a")).toBeUndefined();
    expect(cache.get("allot_b")).toEqual(key);
    const lookup = cache.beginLookup();
    cache.setListening(false);
    expect(cache.get("allot_b")).toBeUndefined();
    cache.setListening(true);
    cache.store("allot_b", key, lookup);
    expect(cache.get("allot_b")).toBeUndefined();
  });

  it("neither answers nor stores while not listening", () => {
    const cache = new NotifiedCache<CachedKey>(100, 60_000);
    cache.store("allot_a", key, cache.beginLookup());
    expect(cache.get("allot_a")).toBeUndefined();
  });

  it("holds a key this process is changing until its notification arrives", () => {
    const cache = listeningCache();
    cache.store("org", key, cache.beginLookup());
    cache.holdUntilNotified("org");
    expect(cache.get("org")).toBeUndefined();
    // A lookup made meanwhile (it may have read the value before the change committed) is not kept.
    cache.store("org", key, cache.beginLookup());
    expect(cache.get("org")).toBeUndefined();
    cache.forget("org");
    cache.store("org", key, cache.beginLookup());
    expect(cache.get("org")).toEqual(key);
  });
});
