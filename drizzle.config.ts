import { defineConfig } from "drizzle-kit";

// Tables are created unqualified: migrations run with `search_path` set to Allot's own schema
// (ALLOT_DB_SCHEMA, default "allot"), so the same committed SQL installs into any schema name.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/allot" },
});
