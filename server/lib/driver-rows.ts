import { getTableColumns, type Column, type InferSelectModel, type Table } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";

/** How to read one column out of a raw row: its property, its name in the result, its decoder. */
interface ColumnReader {
  property: string;
  name: string;
  column: Column;
}

/** Worked out once per table: the casing of every column name (regular expressions) is not redone per row. */
const readersByTable = new WeakMap<Table, ColumnReader[]>();

function readersOf(table: Table): ColumnReader[] {
  let readers = readersByTable.get(table);
  if (!readers) {
    readers = Object.entries(getTableColumns(table)).map(([property, column]) => ({
      property,
      name: column.keyAsName ? toSnakeCase(column.name) : column.name,
      column,
    }));
    readersByTable.set(table, readers);
  }
  return readers;
}

/**
 * A row a raw statement (server/lib/raw-sql.ts) selected with `t.*`, decoded as drizzle decodes the
 * table's rows (bigint to number, timestamps to Date, jsonb parsed), keyed by property name. Column
 * names follow the database's snake_case casing (db/client.ts) unless a column names itself.
 */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown>): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const { property, name, column } of readersOf(table)) {
    const value = raw[name];
    row[property] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}
