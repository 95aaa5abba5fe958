import { afterAll, inject } from "vitest";
import { createDatabase, type Database } from "../../db/client";

/** A pool on the run's test database, closed after the file's tests. */
export function useTestDatabase(max = 8): Database {
  const db = createDatabase({ url: inject("databaseUrl"), max, applicationName: "allot-test" });
  afterAll(async () => {
    await db.$client.end({ timeout: 5 });
  });
  return db;
}
