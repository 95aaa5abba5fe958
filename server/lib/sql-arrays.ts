import { sql, type SQL, type SQLChunk } from "drizzle-orm";
import { env } from "../env";
import { asParams, type Bind, type Bound, type BuildSql } from "./shaped-sql";

/** Types whose array PostgreSQL reads straight from the literal; anything else travels as text[] and is cast per value. */
const NATIVE_ARRAY_TYPES = new Set(["uuid", "text", "bigint", "integer", "boolean"]);

export interface UnnestColumn {
  values: unknown[];
  /** The column's SQL type, e.g. "uuid", "bigint", "timestamptz", "jsonb", or allotType("usage_kind"). */
  type: string;
}

/** An enum type of Allot's schema, qualified. */
export const allotType = (name: string) => `"${env.ALLOT_DB_SCHEMA}"."${name}"`;

/**
 * `SELECT <prefix…>, c0::t0, c1::t1 … FROM unnest($1, $2 …) AS u(c0, c1 …)`: rows for an
 * INSERT … SELECT with one array parameter per column, whatever the number of rows — set-based
 * statements cost the same to prepare for 1 row or 1,000 and skip per-value query building. Its
 * text depends only on the columns' types; the arrays are bound now and the SQL built when asked,
 * so it can be part of a shaped statement (server/lib/shaped-sql.ts).
 */
export function unnestSelect(prefix: () => SQL[], columns: UnnestColumn[], bind: Bind = asParams): BuildSql {
  const arrays = columns.map(({ values, type }) => bind(arrayLiteral(NATIVE_ARRAY_TYPES.has(type) ? values : values.map(asText))));
  return () => {
    // Few chunks: the text around the values is built as plain strings (drizzle inspects every chunk of every fragment it is given).
    const chunks: SQLChunk[] = [];
    for (const [i, { type }] of columns.entries()) {
      if (i > 0) chunks.push(sql.raw(", "));
      chunks.push(arrays[i]!, sql.raw(NATIVE_ARRAY_TYPES.has(type) ? `::${type}[]` : "::text[]"));
    }
    const selected = sql.raw(columns.map(({ type }, i) => `u.c${i}::${type}`).join(", "));
    const names = sql.raw(columns.map((_, i) => `c${i}`).join(", "));
    return sql`SELECT ${sql.join([...prefix(), selected], sql`, `)} FROM unnest(${sql.join(chunks)}) AS u(${names})`;
  };
}

/** The prefix of rows that all belong to one organisation: its bound id, as a uuid. */
export const orgPrefix = (orgId: Bound) => () => [sql`${orgId}::uuid`];

/** A value of a type postgres.js does not send as an array natively, as the text PostgreSQL casts from. */
const asText = (value: unknown) => (value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value));

/**
 * An array's literal text (`{a,"b c",NULL}`), sent as one parameter: the same text postgres.js
 * would make of the array, but an element is quoted and escaped only when PostgreSQL's array
 * syntax needs it — ids, numbers and timestamps, most of a usage write's thousands of elements,
 * never do.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  let text = "{";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ",";
    text += arrayElement(values[i]);
  }
  return `${text}}`;
}

/** Empty, NULL in any case, braces, commas, quotes, backslashes and white space need quotes. */
const NEEDS_QUOTES = /[{},"\\\s]|^$|^null$/i;

function arrayElement(value: unknown): string {
  if (value === null) return "NULL";
  // As postgres.js refuses it: a missing value is a bug, not a NULL.
  if (value === undefined) throw new TypeError("An array parameter holds undefined");
  if (typeof value === "number") return String(value);
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/[\\"]/g, "\\$&")}"` : text;
}
