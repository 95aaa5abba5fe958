import { and, asc, eq, inArray } from "drizzle-orm";
import { modelPrices, operationPrices, priceVersions } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { AppError } from "../lib/errors";
import type { NormalizedAction } from "./action";
import { priceOperation, priceTokens, type Cost } from "./cost";

export interface PublishedVersion {
  id: string;
  version: number;
  effectiveFrom: Date;
}

export interface PricedAction extends Cost {
  priceVersionId: string;
  priceVersion: number;
  /** The price-book entry that matched (the model name as listed, e.g. without a provider prefix). */
  pricedAs: string;
}

export async function loadPublishedVersions(db: DbOrTx, orgId: string): Promise<PublishedVersion[]> {
  const rows = await db
    .select({ id: priceVersions.id, version: priceVersions.version, effectiveFrom: priceVersions.effectiveFrom })
    .from(priceVersions)
    .where(and(eq(priceVersions.orgId, orgId), eq(priceVersions.status, "published")))
    .orderBy(asc(priceVersions.effectiveFrom), asc(priceVersions.version));
  return rows.map((row) => ({ id: row.id, version: row.version!, effectiveFrom: row.effectiveFrom! }));
}

/** The version in force at `at`: the last one whose effectiveFrom is not after it. */
export function versionInForce(versions: PublishedVersion[], at: Date): PublishedVersion | undefined {
  let found: PublishedVersion | undefined;
  for (const version of versions) {
    if (version.effectiveFrom.getTime() <= at.getTime()) found = version;
    else break;
  }
  return found;
}

/** Model names may arrive with a provider prefix ("openai/gpt-4o"); the bare name is tried second. */
export function modelNameCandidates(model: string): string[] {
  const slash = model.lastIndexOf("/");
  return slash > 0 && slash < model.length - 1 ? [model, model.slice(slash + 1)] : [model];
}

/** One published version's rates, by model and by operation name. */
export interface VersionRates {
  models: Map<string, typeof modelPrices.$inferSelect>;
  operations: Map<string, typeof operationPrices.$inferSelect>;
}

/** The published versions of an organisation, and the rates of each (as far as they were loaded). */
export interface PriceBook {
  versions: PublishedVersion[];
  rates(versionId: string): VersionRates | undefined;
}

export function groupRates(models: (typeof modelPrices.$inferSelect)[], operations: (typeof operationPrices.$inferSelect)[]): Map<string, VersionRates> {
  const byVersion = new Map<string, VersionRates>();
  const of = (versionId: string) => {
    let rates = byVersion.get(versionId);
    if (!rates) byVersion.set(versionId, (rates = { models: new Map(), operations: new Map() }));
    return rates;
  };
  for (const row of models) of(row.versionId).models.set(row.model, row);
  for (const row of operations) of(row.versionId).operations.set(row.operation, row);
  return byVersion;
}

/** Loads what pricing `actions` needs: the versions, then the rates of the names they use (three queries). */
export async function loadPriceBook(db: DbOrTx, orgId: string, actions: NormalizedAction[]): Promise<PriceBook> {
  const versions = await loadPublishedVersions(db, orgId);
  const versionIds = versions.map((version) => version.id);
  const modelNames = [...new Set(actions.filter((a) => a.kind === "model").flatMap((a) => modelNameCandidates(a.item)))];
  const operationNames = [...new Set(actions.filter((a) => a.kind === "operation").map((a) => a.item))];
  const [models, operations] = await Promise.all([
    modelNames.length === 0 || versionIds.length === 0
      ? []
      : db
          .select()
          .from(modelPrices)
          .where(and(eq(modelPrices.orgId, orgId), inArray(modelPrices.versionId, versionIds), inArray(modelPrices.model, modelNames))),
    operationNames.length === 0 || versionIds.length === 0
      ? []
      : db
          .select()
          .from(operationPrices)
          .where(and(eq(operationPrices.orgId, orgId), inArray(operationPrices.versionId, versionIds), inArray(operationPrices.operation, operationNames))),
  ]);
  const rates = groupRates(models, operations);
  return { versions, rates: (versionId) => rates.get(versionId) };
}

export async function priceActions(db: DbOrTx, orgId: string, actions: { action: NormalizedAction; at: Date }[]): Promise<PricedAction[]> {
  return priceWith(await loadPriceBook(db, orgId, actions.map((a) => a.action)), actions);
}

/**
 * Prices each action with the version in force at its time. Refuses the whole list (naming the
 * first offender's index) when any model or operation has no price — nothing is guessed.
 */
export function priceWith(book: PriceBook, actions: { action: NormalizedAction; at: Date }[]): PricedAction[] {
  return actions.map(({ action, at }, index) => {
    const version = versionInForce(book.versions, at);
    if (!version) {
      throw new AppError(action.kind === "model" ? "UNKNOWN_MODEL" : "UNKNOWN_OPERATION", `No price version was in force at ${at.toISOString()}`, {
        index,
        at: at.toISOString(),
      });
    }
    if (action.kind === "operation") {
      const rate = book.rates(version.id)?.operations.get(action.item);
      if (!rate) {
        throw new AppError("UNKNOWN_OPERATION", `Operation "${action.item}" has no price in version ${version.version}`, {
          index,
          operation: action.item,
          priceVersion: version.version,
        });
      }
      return pricedBy(priceOperation(rate.microsPerUnit, action.quantityMicros), version, rate.operation);
    }
    const models = book.rates(version.id)?.models;
    let rate: typeof modelPrices.$inferSelect | undefined;
    for (const name of modelNameCandidates(action.item)) if ((rate = models?.get(name))) break;
    if (!rate) {
      throw new AppError("UNKNOWN_MODEL", `Model "${action.item}" has no price in version ${version.version}`, {
        index,
        model: action.item,
        priceVersion: version.version,
      });
    }
    return pricedBy(priceTokens(rate, action.tokens), version, rate.model);
  });
}

const pricedBy = ({ costMicros, lines }: Cost, version: PublishedVersion, pricedAs: string): PricedAction => ({
  costMicros,
  lines,
  priceVersionId: version.id,
  priceVersion: version.version,
  pricedAs,
});
