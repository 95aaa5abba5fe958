import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase as createDatabaseOnServer, dropDatabase } from "../../db/admin";
import { createDatabase, type Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { env } from "../../server/env";

/** A pool on the run's test database, closed after the file's tests. */
export function useTestDatabase(max = 8): Database {
  const db = createDatabase({ url: inject("databaseUrl"), max, applicationName: "allot-test" });
  afterAll(async () => {
    await db.$client.end({ timeout: 5 });
  });
  return db;
}

/**
 * A database of the file's own on the test server, migrated before its tests (`url` is set then) and
 * dropped after them, whose statistics change only when the test takes them (ANALYZE): autovacuum
 * is off on every table. For tests of query plans: in the run's shared database, the other files'
 * writes can have autovacuum take new statistics in the middle of a test. Pools on it must be
 * closed by the caller's own afterAll (registered later, so it runs before the drop).
 */
export function useFreshDatabase(prefix: string): { url: string } {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const database = { url: "" };
  beforeAll(async () => {
    database.url = await createDatabaseOnServer(inject("databaseUrl"), name);
    await migrate(database.url, env.ALLOT_DB_SCHEMA);
    const setup = createDatabase({ url: database.url, max: 1, applicationName: "allot-test-setup" });
    try {
      const tables = await setup.$client<{ name: string }[]>`SELECT tablename AS name FROM pg_tables WHERE schemaname = ${env.ALLOT_DB_SCHEMA}`;
      for (const table of tables) await setup.$client.unsafe(`ALTER TABLE "${env.ALLOT_DB_SCHEMA}"."${table.name}" SET (autovacuum_enabled = false)`);
    } finally {
      await setup.$client.end({ timeout: 5 });
    }
  }, 60_000);
  afterAll(async () => {
    await dropDatabase(inject("databaseUrl"), name);
  });
  return database;
}
