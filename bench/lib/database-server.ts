import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase as createDatabaseOnServer, dropDatabase } from "../../db/admin";
import { freePort, startEmbeddedPostgres } from "../../db/embedded";
import { migrate } from "../../db/migrate";
import { env } from "../../server/env";

export interface BenchDatabase {
  /** The fresh, migrated database's URL. */
  url: string;
  /** Drops the database and stops the embedded server, if one was started. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one run: a new database on the server named by `DATABASE_URL`,
 * or on an embedded PostgreSQL with durable settings (fsync on), so what is measured is honest.
 */
export async function freshBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const server = env.DATABASE_URL
    ? { serverUrl: env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-pg-`)), port: await freePort(), persistent: false });
  const database = `${prefix.replaceAll("-", "_")}_${Date.now().toString(36)}`;
  const url = await createDatabaseOnServer(server.serverUrl, database);
  await migrate(url, env.ALLOT_DB_SCHEMA);
  return {
    url,
    dispose: async () => {
      await dropDatabase(server.serverUrl, database);
      await server.stop();
    },
  };
}
