import { pgSchema } from "drizzle-orm/pg-core";
import { env } from "../../server/env";

/**
 * Every Allot table, enum and sequence lives in this PostgreSQL schema (ALLOT_DB_SCHEMA, default
 * "allot"), so Allot can share a database with the host application's own tables.
 * Migrations are generated with the default name and rewritten to the configured one when applied.
 */
export const GENERATED_SCHEMA_NAME = "allot";
export const allotSchema = pgSchema(env.ALLOT_DB_SCHEMA);
