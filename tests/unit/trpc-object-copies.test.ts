import { initTRPC } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";

/**
 * tRPC copies its options, context and inputs at every middleware hop with a transpiled
 * object-spread helper, which patches/@trpc+server+11.25.2.patch replaces with a faster one. The
 * copies must still be what object spread makes: every own enumerable key, later ones winning, and a
 * "__proto__" key of the data (parsed JSON) kept as a property, never turned into a prototype.
 */
const marker = Symbol("marker");
const t = initTRPC.context<{ who: string; [marker]?: string }>().create();

/** A parser that checks the data with `schema` and passes it on as it came. */
function keeping<T extends object>(schema: z.ZodType<T>) {
  return (value: unknown): T => {
    schema.parse(value);
    return value as T;
  };
}

const router = t.router({
  echo: t.procedure
    .use(({ next }) => next({ ctx: { extra: "added", [marker]: "kept" } }))
    // Parsers that keep the data as it came (zod would drop a "__proto__" key itself).
    .input(keeping(z.object({ first: z.string() })))
    .input(keeping(z.object({ second: z.string() })))
    .query(({ ctx, input }) => ({ ctx, input })),
});

describe("tRPC's object copies (patched helper)", () => {
  it("keep every key of the context, symbols included, with the later value winning", async () => {
    const { ctx } = await t.createCallerFactory(router)({ who: "caller", [marker]: "first" }).echo({ first: "a", second: "b" });
    expect(ctx).toEqual({ who: "caller", extra: "added", [marker]: "kept" });
  });

  it("merge chained inputs, keeping a __proto__ key of the data as a property", async () => {
    const raw = JSON.parse('{"first": "a", "second": "b", "__proto__": {"polluted": true}}') as { first: string; second: string };
    const { input } = await t.createCallerFactory(router)({ who: "caller" }).echo(raw);
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(Object.keys(input)).toEqual(["first", "second", "__proto__"]);
    expect((input as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
