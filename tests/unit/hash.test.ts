import { describe, expect, it } from "vitest";
import { canonicalJson, hashPayload, sha256 } from "../../server/lib/hash";

describe("canonicalJson", () => {
  it("does not depend on key order, at any depth", () => {
    const a = { model: "m", usage: { prompt_tokens: 1, details: { b: 2, a: 1 } }, list: [{ y: 1, x: 2 }] };
    const b = { list: [{ x: 2, y: 1 }], usage: { details: { a: 1, b: 2 }, prompt_tokens: 1 }, model: "m" };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"list":[{"x":2,"y":1}],"model":"m","usage":{"details":{"a":1,"b":2},"prompt_tokens":1}}');
    expect(hashPayload(a)).toBe(hashPayload(b));
  });

  it("keeps array order, and treats an undefined field as absent", () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it("tells different payloads apart", () => {
    expect(hashPayload({ inputTokens: 10 })).not.toBe(hashPayload({ inputTokens: 11 }));
    expect(hashPayload({ inputTokens: 10 })).not.toBe(hashPayload({ inputTokens: "10" }));
  });
});

describe("sha256", () => {
  it("is the standard digest in hex", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
