import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arrayLiteral, unnestSelect } from "../../server/lib/sql-arrays";
import { useTestDatabase } from "../support/database";

const db = useTestDatabase();

/** Replay a failure with FC_SEED=<seed>; every run logs the seed it used. */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
console.info(`array literal properties: fast-check seed ${seed}`);

/** Text PostgreSQL's array syntax treats specially, alone and inside other text. */
const tricky = fc.constantFrom("", "NULL", "null", "Null", "{", "}", ",", '"', "\\", " ", "\t", "\n", "a b", "{a,b}", '\\"', "é", "😀", "\u00a0");
const text = fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 12 }), fc.array(fc.oneof(tricky, fc.string({ maxLength: 3 })), { maxLength: 4 }).map((parts) => parts.join("")));

describe("array parameters sent as literals", () => {
  it("give PostgreSQL back exactly the text values, NULLs included", async () => {
    // NUL is not a character PostgreSQL text can hold, from any client.
    const values = fc.array(fc.option(text.filter((value) => !value.includes("\u0000")), { nil: null }), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(values, async (list) => {
        // Element by element (postgres.js reads an unquoted NULL in an array result as the text "NULL").
        const rows = await db.execute<{ element: string | null }>(
          sql`SELECT element FROM unnest(${arrayLiteral(list)}::text[]) WITH ORDINALITY AS u(element, i) ORDER BY i`,
        );
        expect(rows.map((row) => row.element)).toEqual(list);
      }),
      { seed, numRuns: 300 },
    );
  });

  it("carry every column type of a set-based write, row for row", async () => {
    const rows = [
      { id: "0190b3a4-0000-7000-8000-000000000001", n: 9_007_199_254_740_991, at: "2026-12-06T10:00:00.123Z", note: 'a "quoted", {braced} note', meta: { k: 'v "x"' } },
      { id: "0190b3a4-0000-7000-8000-000000000002", n: -5, at: "2026-01-01T00:00:00.000Z", note: "NULL", meta: null },
      { id: "0190b3a4-0000-7000-8000-000000000003", n: 0, at: "2026-06-30T23:59:59.999Z", note: null, meta: { "": "" } },
    ];
    const select = unnestSelect(
      () => [sql`'prefix'`],
      [
        { values: rows.map((r) => r.id), type: "uuid" },
        { values: rows.map((r) => r.n), type: "bigint" },
        { values: rows.map((r) => r.at), type: "timestamptz" },
        { values: rows.map((r) => r.note), type: "text" },
        { values: rows.map((r) => r.meta), type: "jsonb" },
      ],
    )();
    const result = await db.execute<{ c0: string; c1: string; c2: string; c3: string | null; c4: unknown }>(
      sql`SELECT u.c0::text AS c0, u.c1::text AS c1, to_char(u.c2 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS c2, u.c3 AS c3, u.c4 AS c4 FROM (${select}) AS u(p, c0, c1, c2, c3, c4)`,
    );
    expect(result.map((r) => [r.c0, r.c1, r.c2, r.c3, r.c4])).toEqual(rows.map((r) => [r.id, String(r.n), r.at, r.note, r.meta]));
  });

  it("refuse an undefined element rather than send NULL for it", () => {
    expect(() => arrayLiteral(["a", undefined])).toThrow(TypeError);
  });
});
