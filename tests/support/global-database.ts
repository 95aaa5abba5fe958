import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase } from "../../db/admin";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../db/embedded";
import { migrate } from "../../db/migrate";
import { createHostTables, hostFingerprint } from "./host-tables";
import { env } from "../../server/env";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The host tables' fingerprint taken before Allot's migrations (tests/support/host-tables.ts). */
    hostFingerprint: string;
  }
}

/**
 * One fresh, migrated database per test run, shared with a host application: its `public` schema
 * holds host tables named like Allot's (users, accounts, sessions, organizations, members …), so every
 * run proves Allot installs and works beside them — and at the end, that it left them unchanged.
 * The database lives on the server named by DATABASE_URL when it is set
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
  await createHostTables(url);
  const before = await hostFingerprint(url);
  await migrate(url, env.ALLOT_DB_SCHEMA);
  project.provide("databaseUrl", url);
  project.provide("hostFingerprint", before);
  process.env.ALLOT_TEST_DATABASE_URL = url;

  return async () => {
    const after = await hostFingerprint(url);
    await dropDatabase(serverUrl, name);
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (after !== before) throw new Error(`The test run changed the host's tables in public:\nbefore:\n${before}\nafter:\n${after}`);
  };
}
