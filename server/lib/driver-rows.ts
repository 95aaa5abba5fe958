import { getTableColumns, type InferSelectModel, type Table } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";

/**
 * A row a raw statement (server/lib/raw-sql.ts) selected with `t.*`, decoded as drizzle decodes the
 * table's rows (bigint to number, timestamps to Date, jsonb parsed), keyed by property name. Column
 * names follow the database's snake_case casing (db/client.ts) unless a column names itself.
 */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown>): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [property, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.keyAsName ? toSnakeCase(column.name) : column.name];
    row[property] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}
