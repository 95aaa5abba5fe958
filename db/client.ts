import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env, requireDatabaseUrl } from "../server/env";

/**
 * drizzle without its relational query API (`db.query.…`): nothing uses it, and given the schema,
 * drizzle builds a query builder for every table each time it makes a database or transaction
 * object — once per group on the metering hot path.
 */
export type Database = PostgresJsDatabase & { $client: postgres.Sql };

export interface DatabaseOptions {
  url: string;
  max?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** Receives the server's notices (ignored by default). */
  onNotice?: (notice: postgres.Notice) => void;
}

export function createDatabase({ url, max = env.DATABASE_POOL_MAX, applicationName = "allot", onNotice = () => {} }: DatabaseOptions): Database {
  const client = postgres(url, {
    max,
    onnotice: onNotice,
    connection: { application_name: applicationName, TimeZone: "UTC" },
  });
  return drizzle({ client, casing: "snake_case" });
}

const globalForDb = globalThis as unknown as { allotDb?: Database };

/** The process-wide pool (kept on globalThis so Next's hot reload does not open a new one per edit). */
export function getDb(): Database {
  globalForDb.allotDb ??= createDatabase({ url: requireDatabaseUrl() });
  return globalForDb.allotDb;
}
