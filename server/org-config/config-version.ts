import type { DbOrTx } from "../../db/transaction";
import { notFound } from "../lib/errors";
import { activeProcessCaches, CONFIG_CHANNEL, processCachesOf } from "../lib/process-caches";
import { allotSchemaName, rawClient } from "../lib/raw-sql";

/**
 * Marks the organisation's spending configuration as changed (prices, directory, budgets, time
 * zone), in the caller's transaction: caches keyed by the version reload on their next use. It
 * takes the wallet row's lock, so a change and a spend never interleave. Processes that cache the
 * version (server/lib/process-caches.ts) hear `allot_config` when it commits; this one stops using
 * its cached version at once, until that notification arrives.
 */
export async function bumpConfigVersion(tx: DbOrTx, orgId: string): Promise<void> {
  for (const caches of activeProcessCaches()) caches.configVersions.holdUntilNotified(orgId);
  const raw = rawClient(tx);
  await raw`WITH bumped AS (
      UPDATE ${raw(allotSchemaName)}.credit_wallets SET config_version = config_version + 1 WHERE org_id = ${orgId} RETURNING org_id)
    SELECT pg_notify(${CONFIG_CHANNEL}, org_id::text) FROM bumped`;
}

/**
 * The current version and the time, for work outside the wallet lock (estimates, status). From
 * the process's cache when its server keeps one (the time is then this machine's clock), else one
 * small read (the database's clock). Spending never uses this: it reads the version under the lock.
 */
export async function readConfigVersion(db: DbOrTx, orgId: string): Promise<{ version: number; now: Date }> {
  const cache = processCachesOf(db)?.configVersions;
  const cached = cache?.get(orgId);
  if (cached !== undefined) return { version: cached, now: new Date() };
  const generation = cache?.beginLookup();
  const raw = rawClient(db);
  const [row] = await raw<{ config_version: string; now: string }[]>`
    SELECT config_version, now() AS now FROM ${raw(allotSchemaName)}.credit_wallets WHERE org_id = ${orgId}`;
  if (!row) throw notFound("Organisation");
  const version = Number(row.config_version);
  if (cache && generation !== undefined) cache.store(orgId, version, generation);
  return { version, now: new Date(row.now) };
}
