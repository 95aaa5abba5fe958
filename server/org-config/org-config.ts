import { and, asc, eq, inArray } from "drizzle-orm";
import { agents, budgets, departments, modelPrices, operationPrices, organizations, priceVersions, projects } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Budget } from "../budgets/budget-book";
import { notFound } from "../lib/errors";
import { LruMap } from "../lib/lru-map";
import { groupRates, type PriceBook, type PublishedVersion, type VersionRates } from "../pricing/price-book";
import type { Directory } from "../usage/attribution";
import { readConfigVersion } from "./config-version";

/**
 * What spending reads from an organisation's configuration, cached per process and keyed by the
 * wallet's config version (bumped in the same transaction as any change): a cached copy is used
 * only when it is exactly current, so caching changes no answer. Published price versions never
 * change, so their rates are cached on their own, without a version.
 */
export interface OrgConfig {
  version: number;
  timeZone: string;
  priceVersions: PublishedVersion[];
  directory: Directory;
  /** Every budget, archived ones too (holds booked in them are still returned to them). */
  budgets: Budget[];
  /** Built on first use. */
  priceBook?: PriceBook;
}

// Bounded: a process serving many organisations keeps the busiest (a full LiteLLM version is ~0.5 MB).
const configs = new LruMap<string, OrgConfig>(2_000);
const ratesByVersion = new LruMap<string, VersionRates>(200);

export async function orgConfig(db: DbOrTx, orgId: string, version: number): Promise<OrgConfig> {
  const cached = configs.get(orgId);
  if (cached?.version === version) return cached;
  const loaded = await loadOrgConfig(db, orgId, version);
  configs.set(orgId, loaded);
  return loaded;
}

/** The configuration this process last loaded for the organisation, whatever its version (a plan, never an answer). */
export const lastSeenOrgConfig = (orgId: string): OrgConfig | undefined => configs.get(orgId);

/** For work outside the wallet lock (estimates, status): one small read says whether the cache is current, and the time. */
export async function currentOrgConfig(db: DbOrTx, orgId: string): Promise<{ config: OrgConfig; now: Date }> {
  const { version, now } = await readConfigVersion(db, orgId);
  return { config: await orgConfig(db, orgId, version), now };
}

async function loadOrgConfig(db: DbOrTx, orgId: string, version: number): Promise<OrgConfig> {
  const [[org], versionRows, departmentRows, projectRows, agentRows, budgetRows] = await Promise.all([
    db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId)),
    db
      .select({ id: priceVersions.id, version: priceVersions.version, effectiveFrom: priceVersions.effectiveFrom })
      .from(priceVersions)
      .where(and(eq(priceVersions.orgId, orgId), eq(priceVersions.status, "published")))
      .orderBy(asc(priceVersions.effectiveFrom), asc(priceVersions.version)),
    db.select().from(departments).where(eq(departments.orgId, orgId)),
    db.select().from(projects).where(eq(projects.orgId, orgId)),
    db.select().from(agents).where(eq(agents.orgId, orgId)),
    db.select().from(budgets).where(eq(budgets.orgId, orgId)),
  ]);
  if (!org) throw notFound("Organisation");
  const bySlug = <T extends { slug: string }>(rows: T[]) => new Map(rows.map((row) => [row.slug, row]));
  return {
    version,
    timeZone: org.timeZone,
    priceVersions: versionRows.map((row) => ({ id: row.id, version: row.version!, effectiveFrom: row.effectiveFrom! })),
    directory: { departments: bySlug(departmentRows), projects: bySlug(projectRows), agents: bySlug(agentRows) },
    budgets: budgetRows,
  };
}

/** The price book for pricing: the published versions, each one's rates loaded once per process. */
export async function priceBookOf(db: DbOrTx, orgId: string, config: OrgConfig): Promise<PriceBook> {
  if (config.priceBook) return config.priceBook;
  // The config holds its versions' rates itself, so forgetting them in the shared cache cannot unprice it.
  const rates = new Map<string, VersionRates>();
  const missing: string[] = [];
  for (const version of config.priceVersions) {
    const known = ratesByVersion.get(version.id);
    if (known) rates.set(version.id, known);
    else missing.push(version.id);
  }
  if (missing.length > 0) {
    const [models, operations] = await Promise.all([
      db.select().from(modelPrices).where(and(eq(modelPrices.orgId, orgId), inArray(modelPrices.versionId, missing))),
      db.select().from(operationPrices).where(and(eq(operationPrices.orgId, orgId), inArray(operationPrices.versionId, missing))),
    ]);
    const loaded = groupRates(models, operations);
    for (const versionId of missing) {
      const versionRates = loaded.get(versionId) ?? { models: new Map(), operations: new Map() };
      ratesByVersion.set(versionId, versionRates);
      rates.set(versionId, versionRates);
    }
  }
  config.priceBook = { versions: config.priceVersions, rates: (versionId) => rates.get(versionId) };
  return config.priceBook;
}
