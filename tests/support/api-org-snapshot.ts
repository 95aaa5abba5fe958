import { eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client";
import * as schema from "../../db/schema";

/** Every table keyed by organisation (found from the schema, so a new table is covered without edits). */
const orgTables = (Object.values(schema) as unknown[]).filter(
  (value): value is PgTable => is(value, PgTable) && "orgId" in getTableColumns(value),
);

/**
 * Every row an organisation owns, table by table, in a stable order: take one before and one after
 * another tenant's calls, and they must be equal.
 */
export async function snapshotOrganization(db: Database, orgId: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {
    organizations: await db.select().from(schema.organizations).where(eq(schema.organizations.id, orgId)),
  };
  for (const table of orgTables) {
    const orgColumn = (getTableColumns(table) as Record<string, PgColumn>).orgId!;
    const rows = await db.select().from(table).where(eq(orgColumn, orgId));
    snapshot[getTableName(table)] = rows
      .map((row) => ({ row, key: JSON.stringify(row) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ row }) => row);
  }
  return snapshot;
}
