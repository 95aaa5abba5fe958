import { sql, type SQL, type SQLChunk } from "drizzle-orm";
import { env } from "../env";
import { asParams, type Bind } from "./shaped-sql";

/** Types postgres.js sends as arrays natively; anything else travels as text[] and is cast per value. */
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
 * text depends only on the columns' types, so it can be part of a shaped statement (`bind`).
 */
export function unnestSelect(prefix: SQL[], columns: UnnestColumn[], bind: Bind = asParams): SQL {
  // Few chunks: the text around the values is built as plain strings (drizzle inspects every chunk of every fragment it is given).
  const arrays: SQLChunk[] = [];
  for (const [i, { values, type }] of columns.entries()) {
    const native = NATIVE_ARRAY_TYPES.has(type);
    if (i > 0) arrays.push(sql.raw(", "));
    arrays.push(bind(native ? values : values.map(asText)), sql.raw(native ? `::${type}[]` : "::text[]"));
  }
  const selected = sql.raw(columns.map(({ type }, i) => `u.c${i}::${type}`).join(", "));
  const names = sql.raw(columns.map((_, i) => `c${i}`).join(", "));
  return sql`SELECT ${sql.join([...prefix, selected], sql`, `)} FROM unnest(${sql.join(arrays)}) AS u(${names})`;
}

/** A value of a type postgres.js does not send as an array natively, as the text PostgreSQL casts from. */
const asText = (value: unknown) => (value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value));
