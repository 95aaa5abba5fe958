import fc from "fast-check";
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

/** The definition request hashes were first stored with: the written text must never differ from it. */
const storedDefinition = (value: unknown) =>
  JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      return Object.fromEntries(
        Object.entries(item as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return item;
  });

/** Replay a failure with FC_SEED=<seed>; every run logs the seed it used. */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
console.info(`canonicalJson properties: fast-check seed ${seed}`);

describe("canonicalJson keeps the text stored hashes were made of", () => {
  it("writes every plain value exactly as the sorting replacer did", () => {
    // Keys that objects order specially (array indexes, numeric-looking strings that are not), unicode, empty.
    const key = fc.oneof(fc.string(), fc.constantFrom("0", "1", "2", "10", "01", "-1", "1.5", "4294967294", "4294967295", "toString", "__proto__x"), fc.nat().map(String));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.string({ unit: "binary" }),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(key, tie("node"), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(storedDefinition(v));
      }),
      { seed, numRuns: 3_000 },
    );
  });

  it("falls back to the replacer for what is not plain data", () => {
    const values = [{ at: new Date(0), b: 1 }, [undefined, () => 1], { f: () => 1, a: 1 }, new Map([[1, 2]]), { nested: { toJSON: () => ({ z: 1, a: 2 }) } }];
    for (const v of values) expect(canonicalJson(v)).toBe(storedDefinition(v));
  });
});

describe("sha256", () => {
  it("is the standard digest in hex", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
