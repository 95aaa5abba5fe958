import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { GENERATED_SCHEMA_NAME } from "./schema/allot-schema";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const MIGRATIONS_TABLE = "__allot_migrations";
// Any constant: serialises concurrent migrators (several app instances or test workers starting at once).
const MIGRATION_LOCK_KEY = 7_305_221_001;

interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

/** The committed migrations in journal order (drizzle-kit's `meta/_journal.json`). */
export function readMigrations(): Migration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.map(({ tag }) => {
    const text = fs.readFileSync(path.join(migrationsFolder, `${tag}.sql`), "utf8");
    return {
      tag,
      hash: createHash("sha256").update(text).digest("hex"),
      statements: text.split("--> statement-breakpoint").filter((statement) => statement.trim() !== ""),
    };
  });
}

/** Rewrites the generated schema name into the configured one (`"allot".` → `"<schema>".`). */
export function sqlForSchema(statement: string, schemaName: string): string {
  if (schemaName === GENERATED_SCHEMA_NAME) return statement;
  return statement.replaceAll(`"${GENERATED_SCHEMA_NAME}".`, `"${schemaName}".`);
}

/**
 * Applies the committed migrations this database has not seen, in one transaction, under an
 * advisory lock. The bookkeeping table lives in Allot's own schema, never in `public`. `through`
 * stops after the migration with that tag (tests of a migration's data changes start there).
 */
export async function migrate(url: string, schemaName: string, options: { through?: string } = {}): Promise<{ applied: string[] }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const applied: string[] = [];
  const table = `"${schemaName}"."${MIGRATIONS_TABLE}"`;
  try {
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
      await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schemaName}"`);
      await tx.unsafe(
        `CREATE TABLE IF NOT EXISTS ${table} (id serial PRIMARY KEY, tag text NOT NULL UNIQUE, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = new Set((await tx.unsafe<{ tag: string }[]>(`SELECT tag FROM ${table}`)).map((row) => row.tag));
      const migrations = readMigrations();
      if (options.through && !migrations.some((migration) => migration.tag === options.through)) throw new Error(`no migration ${options.through}`);
      for (const migration of migrations) {
        if (!done.has(migration.tag)) {
          for (const statement of migration.statements) await tx.unsafe(sqlForSchema(statement, schemaName));
          await tx.unsafe(`INSERT INTO ${table} (tag, hash) VALUES ($1, $2)`, [migration.tag, migration.hash]);
          applied.push(migration.tag);
        }
        if (migration.tag === options.through) break;
      }
    });
  } finally {
    await sql.end();
  }
  return { applied };
}
