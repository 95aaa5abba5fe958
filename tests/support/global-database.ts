import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase } from "../../db/admin";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../db/embedded";
import { migrate } from "../../db/migrate";
import { env } from "../../server/env";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One fresh, migrated database per test run: on the server named by DATABASE_URL when it is set
 * (CI), otherwise on an embedded PostgreSQL started for this run and thrown away after it.
 */
export default async function setup(project: TestProject) {
  let serverUrl = env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "allot-test-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, fast: true });
    serverUrl = embedded.serverUrl;
  }
  const name = `allot_test_${Date.now().toString(36)}_${process.pid}`;
  const url = await createDatabase(serverUrl, name);
  await migrate(url, env.ALLOT_DB_SCHEMA);
  project.provide("databaseUrl", url);
  process.env.ALLOT_TEST_DATABASE_URL = url;

  return async () => {
    await dropDatabase(serverUrl, name);
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
