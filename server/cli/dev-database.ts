import { createHash } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { databaseExists, createDatabase } from "../../db/admin";
import { databaseUrl, startEmbeddedPostgres } from "../../db/embedded";
import { env } from "../env";

/** Development data lives under .data/ and is kept across restarts. */
export const DEV_DATA_DIR = path.resolve(".data/postgres");
export const DEV_DATABASE = "allot";

/** One port per checkout, so two checkouts' development servers never share a database by accident. */
const devPort = () => env.ALLOT_DEV_PG_PORT ?? 54_000 + (createHash("sha256").update(DEV_DATA_DIR).digest().readUInt16BE(0) % 900);

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * The database the CLIs and the dev server use: DATABASE_URL when set; otherwise the embedded
 * PostgreSQL under .data/ — reused when another process (e.g. `npm run dev`) already runs it.
 */
export async function openDevDatabase(log: (line: string) => void = () => {}): Promise<{ url: string; stop: () => Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  const port = devPort();
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  let stop = async () => {};
  if (!(await reachable(serverUrl))) {
    log(`Starting the embedded PostgreSQL (data in ${DEV_DATA_DIR}, port ${port})…`);
    const server = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port, persistent: true });
    stop = server.stop;
  }
  if (!(await databaseExists(serverUrl, DEV_DATABASE))) await createDatabase(serverUrl, DEV_DATABASE);
  return { url: databaseUrl(serverUrl, DEV_DATABASE), stop };
}
