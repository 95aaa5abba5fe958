import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase } from "../../db/admin";
import { migrate, readMigrations } from "../../db/migrate";
import { createHostTables, hostFingerprint } from "../support/host-tables";

const run = promisify(execFile);
const testDatabaseUrl = inject("databaseUrl");
const created: string[] = [];

afterAll(async () => {
  for (const name of created) await dropDatabase(testDatabaseUrl, name);
});

/** A fresh database on the test server whose `public` already holds the host's tables. */
async function hostDatabase(): Promise<string> {
  const name = `allot_host_${randomBytes(4).toString("hex")}`;
  created.push(name);
  const url = await createDatabase(testDatabaseUrl, name);
  await createHostTables(url);
  return url;
}

/** tests/support/coexistence-workflow.ts in its own process, with Allot's schema set to `schema`. */
async function runWorkflow(url: string, schema: string) {
  const { stdout } = await run("npx", ["tsx", "tests/support/coexistence-workflow.ts"], {
    env: { ...process.env, DATABASE_URL: url, ALLOT_DB_SCHEMA: schema, RESEND_API_KEY: "", NODE_ENV: "test" },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { chargedMicros: number; acceptedMember: boolean; drift: number };
}

/** Where each kind of object lives, by schema: relations (tables, indexes, sequences), types, functions. */
async function objectsBySchema(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql<{ schema: string; kind: string; count: number }[]>`
      SELECT nspname AS schema, kind, count(*)::int AS count FROM (
        SELECT n.nspname, 'relation:' || c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        UNION ALL SELECT n.nspname, 'type' FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e'
        UNION ALL SELECT n.nspname, 'function' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      ) o WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      GROUP BY nspname, kind ORDER BY nspname, kind`;
  } finally {
    await sql.end();
  }
}

describe("Allot beside a host application's tables", () => {
  it("this run's database: the host's users, accounts, sessions, organizations and members are unchanged by migrations and the suite so far", async () => {
    expect(await migrate(testDatabaseUrl, "allot")).toEqual({ applied: [] });
    expect(await hostFingerprint(testDatabaseUrl)).toBe(inject("hostFingerprint"));
  });

  it("migrate, seed and a whole workflow in the default schema leave every host row and object as it was", async () => {
    const url = await hostDatabase();
    const before = await hostFingerprint(url);
    const summary = await runWorkflow(url, "allot");
    expect(summary).toEqual({ chargedMicros: 1_200, acceptedMember: true, drift: 0 });
    expect(await hostFingerprint(url)).toBe(before);
  }, 120_000);

  it("with ALLOT_DB_SCHEMA=billing every table, enum, function and the migrations' bookkeeping live in billing, and nothing in allot or public", async () => {
    const url = await hostDatabase();
    const before = await hostFingerprint(url);
    const publicBefore = (await objectsBySchema(url)).filter((row) => row.schema === "public" || row.schema === "drizzle");
    const summary = await runWorkflow(url, "billing");
    expect(summary).toEqual({ chargedMicros: 1_200, acceptedMember: true, drift: 0 });
    expect(await hostFingerprint(url)).toBe(before);

    const after = await objectsBySchema(url);
    expect(after.filter((row) => row.schema === "public" || row.schema === "drizzle")).toEqual(publicBefore);
    expect(after.filter((row) => row.schema === "allot")).toEqual([]);
    const billing = Object.fromEntries(after.filter((row) => row.schema === "billing").map((row) => [row.kind, row.count]));
    expect(billing["relation:r"]).toBeGreaterThan(20);
    expect(billing.type).toBeGreaterThan(5);
    expect(billing.function).toBeGreaterThan(3);

    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const tags = await sql<{ tag: string }[]>`SELECT tag FROM billing.__allot_migrations ORDER BY id`;
      expect(tags.map((row) => row.tag)).toEqual(readMigrations().map((migration) => migration.tag));
      // Nothing of Allot's is found through the default search_path: every statement names its schema.
      const [unqualified] = await sql<{ found: string | null }[]>`SELECT to_regclass('credit_wallets')::text AS found`;
      expect(unqualified!.found).toBeNull();
    } finally {
      await sql.end();
    }
  }, 120_000);
});
