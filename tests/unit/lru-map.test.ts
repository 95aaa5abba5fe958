import { describe, expect, it } from "vitest";
import { LruMap } from "../../server/lib/lru-map";

const filled = (capacity: number, keys: string[]) => {
  const map = new LruMap<string, number>(capacity);
  keys.forEach((key, i) => map.set(key, i));
  return map;
};

describe("LruMap", () => {
  it("never holds more than its capacity", () => {
    const map = filled(3, ["a", "b", "c", "d", "e", "f", "g"]);
    expect(map.size).toBe(3);
  });

  it("forgets the oldest entry when every one was used since the last sweep (the sweep clears them all, then comes round)", () => {
    const map = filled(3, ["a", "b", "c", "d"]);
    expect(["a", "b", "c", "d"].map((key) => map.has(key))).toEqual([false, true, true, true]);
  });

  it("keeps an entry read since the last sweep and forgets the oldest one that was not", () => {
    const map = filled(3, ["a", "b", "c", "d"]);
    expect(map.get("b")).toBe(1);
    map.set("e", 4);
    expect(["b", "c", "d", "e"].map((key) => map.has(key))).toEqual([true, false, true, true]);
  });

  it("updates a present key in place, without growing or evicting", () => {
    const map = filled(2, ["a", "b"]);
    map.set("a", 10);
    expect(map.size).toBe(2);
    expect([map.get("a"), map.get("b")]).toEqual([10, 1]);
  });

  it("forgets on delete and clear, and answers undefined for a missing key", () => {
    const map = filled(3, ["a", "b", "c"]);
    map.delete("b");
    expect([map.has("b"), map.get("b"), map.size]).toEqual([false, undefined, 2]);
    map.clear();
    expect(map.size).toBe(0);
  });
});
