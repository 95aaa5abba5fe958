import { describe, expect, it } from "vitest";
import { isUuid, uuidv7 } from "../../server/lib/ids";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuidv7", () => {
  it("is a version-7, RFC 4122-variant UUID", () => {
    for (let i = 0; i < 100; i++) {
      const id = uuidv7();
      expect(id).toMatch(V7);
      expect(isUuid(id)).toBe(true);
    }
  });

  it("carries its millisecond timestamp in the first 48 bits", () => {
    const at = Date.UTC(2025, 10, 25, 7, 30, 0, 123);
    expect(parseInt(uuidv7(at).replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("sorts by time as text, and differs within the same millisecond", () => {
    const times = [0, 1, 255, 256, 65_535, Date.UTC(2000, 0, 1), Date.UTC(2025, 0, 1), Date.UTC(2100, 0, 1)];
    const ids = times.map((time) => uuidv7(time));
    expect([...ids].sort()).toEqual(ids);
    const now = Date.now();
    expect(new Set(Array.from({ length: 1_000 }, () => uuidv7(now))).size).toBe(1_000);
  });
});

describe("isUuid", () => {
  it("accepts any UUID and refuses other text", () => {
    expect(isUuid("123e4567-e89b-12d3-a456-426614174000")).toBe(true);
    expect(isUuid("123E4567-E89B-12D3-A456-426614174000")).toBe(true);
    expect(isUuid("123e4567e89b12d3a456426614174000")).toBe(false);
    expect(isUuid("not-a-uuid")).toBe(false);
  });
});
