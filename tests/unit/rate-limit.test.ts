import { describe, expect, it } from "vitest";
import { takeToken } from "../../server/api-keys/rate-limit";

describe("the API-key token bucket", () => {
  it("allows a burst of twice the rate, then refills at the rate", () => {
    const key = `key-${Math.random()}`;
    const start = 1_000;
    const taken = Array.from({ length: 5 }, () => takeToken(key, 2, start).ok);
    expect(taken).toEqual([true, true, true, true, false]);
    expect(takeToken(key, 2, start)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Half a second refills one call at 2 a second.
    expect(takeToken(key, 2, start + 500).ok).toBe(true);
    expect(takeToken(key, 2, start + 500).ok).toBe(false);
  });

  it("says to retry after a whole second even when a call comes back sooner (Retry-After is in seconds)", () => {
    const key = `key-${Math.random()}`;
    for (let i = 0; i < 6; i++) expect(takeToken(key, 3, 0).ok).toBe(true);
    expect(takeToken(key, 3, 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(takeToken(key, 3, 340).ok).toBe(true);
  });

  it("keeps keys apart", () => {
    const a = `a-${Math.random()}`;
    const b = `b-${Math.random()}`;
    expect([takeToken(a, 1, 0).ok, takeToken(a, 1, 0).ok, takeToken(a, 1, 0).ok]).toEqual([true, true, false]);
    expect(takeToken(b, 1, 0).ok).toBe(true);
  });
});
