import { sql, type SQL } from "drizzle-orm";
import { env } from "../env";

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
 * statements cost the same to prepare for 1 row or 1,000 and skip per-value query building.
 */
export function unnestSelect(prefix: SQL[], columns: UnnestColumn[]): SQL {
  const params = columns.map(({ values, type }) => {
    if (NATIVE_ARRAY_TYPES.has(type)) return sql`${sql.param(values)}::${sql.raw(type)}[]`;
    const asText = values.map((value) => (value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value)));
    return sql`${sql.param(asText)}::text[]`;
  });
  const names = columns.map((_, i) => sql.raw(`c${i}`));
  const selected = columns.map(({ type }, i) => sql`${sql.raw(`u.c${i}`)}::${sql.raw(type)}`);
  return sql`SELECT ${sql.join([...prefix, ...selected], sql`, `)} FROM unnest(${sql.join(params, sql`, `)}) AS u(${sql.join(names, sql`, `)})`;
}
