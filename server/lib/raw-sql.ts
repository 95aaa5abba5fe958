import type postgres from "postgres";

import type { Database } from "../../db/client";
import { isTransaction, type DbOrTx } from "../../db/transaction";
import { env } from "../env";

/**
 * postgres.js itself, for the few statements on the metering hot path. drizzle's query builder
 * costs ~0.25 ms of CPU per statement to build; a postgres.js tagged template ~0.04 ms (its text is
 * prepared once per connection). Everything else goes through drizzle.
 *
 * Inside a transaction the statement must run on the transaction's connection; drizzle keeps that
 * client on the transaction's session — the one place we reach into drizzle (checked by a test).
 */
export function rawClient(handle: DbOrTx): postgres.Sql {
  if (isTransaction(handle)) {
    const client = (handle as unknown as { session?: { client?: postgres.Sql } }).session?.client;
    if (!client) throw new Error("drizzle's transaction no longer exposes its postgres.js client");
    return client;
  }
  return (handle as Database).$client;
}

/*
 * A list a statement walks with `unnest` is written `unnest((SELECT $n::type[]))`, not
 * `unnest($n::type[])`. PostgreSQL plans a prepared statement afresh for its first five runs, then
 * keeps its generic plan unless that looks dearer than the fresh ones did; a fresh plan sees the
 * list's real length (a generic one guesses), so it always looked cheaper and the statement was
 * planned on every run — for a few index probes, planning cost more than running. Behind a scalar
 * subquery no plan knows the length, both cost the same, and the generic plan is kept
 * (tests/db/generic-plans.test.ts; hot-lookups.test.ts checks that plan). The same goes for an
 * organisation whose rows the statistics do not know yet — one that began spending since the last
 * ANALYZE: a fresh plan reckons with its few rows, the generic one with an average organisation's,
 * so a statement whose cost depends on that is written `org_id = (SELECT $n::uuid)`.
 */

/** Allot's schema as an identifier for raw statements (`${schema}.api_keys`). */
export const allotSchemaName = env.ALLOT_DB_SCHEMA;
