import { and, desc, eq, sql } from "drizzle-orm";
import { modelPrices, operationPrices, organizations, priceVersions } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { dbNow } from "../lib/db-clock";
import { AppError, invalidInput, notFound } from "../lib/errors";
import type { ModelRates } from "./cost";
import { loadPublishedVersions, versionInForce } from "./price-book";
import { bumpConfigVersion } from "../org-config/config-version";

export interface ModelPriceInput extends ModelRates {
  model: string;
  provider?: string;
  mode?: string;
}

export interface OperationPriceInput {
  operation: string;
  unit: string;
  description?: string;
  microsPerUnit: number;
}

/** Platform operations every new price book starts with (micro-credits per unit). */
export const DEFAULT_OPERATIONS: OperationPriceInput[] = [
  { operation: "agent_run", unit: "run", description: "One agent run (orchestration, tool routing)", microsPerUnit: 500_000 },
  { operation: "storage_gb_day", unit: "GB-day", description: "Vector and file storage, per GB per day", microsPerUnit: 2_000_000 },
  { operation: "integration_call", unit: "call", description: "One call to a connected integration", microsPerUnit: 100_000 },
];

export async function listVersions(db: DbOrTx, orgId: string) {
  return db
    .select({
      id: priceVersions.id,
      version: priceVersions.version,
      status: priceVersions.status,
      effectiveFrom: priceVersions.effectiveFrom,
      publishedAt: priceVersions.publishedAt,
      note: priceVersions.note,
      source: priceVersions.source,
      createdAt: priceVersions.createdAt,
      models: sql<number>`(SELECT count(*)::int FROM ${modelPrices} m WHERE m.org_id = ${priceVersions.orgId} AND m.version_id = ${priceVersions.id})`,
    })
    .from(priceVersions)
    .where(eq(priceVersions.orgId, orgId))
    .orderBy(desc(priceVersions.createdAt));
}

export async function getVersion(db: DbOrTx, orgId: string, versionId: string) {
  const [version] = await db
    .select()
    .from(priceVersions)
    .where(and(eq(priceVersions.orgId, orgId), eq(priceVersions.id, versionId)));
  if (!version) throw notFound("Price version", { versionId });
  const [models, operations] = await Promise.all([
    db.select().from(modelPrices).where(and(eq(modelPrices.orgId, orgId), eq(modelPrices.versionId, versionId))).orderBy(modelPrices.model),
    db
      .select()
      .from(operationPrices)
      .where(and(eq(operationPrices.orgId, orgId), eq(operationPrices.versionId, versionId)))
      .orderBy(operationPrices.operation),
  ]);
  return { ...version, models, operations };
}

/** The version in force now and, if one is scheduled, the next; with the credit's money price. */
export async function getPriceCatalog(db: DbOrTx, orgId: string) {
  const [org] = await db
    .select({ currency: organizations.currency, creditPriceMinorPerMillion: organizations.creditPriceMinorPerMillion, now: sql<string>`now()` })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!org) throw notFound("Organisation");
  const now = new Date(org.now);
  const versions = await loadPublishedVersions(db, orgId);
  const current = versionInForce(versions, now);
  const upcoming = versions.find((version) => version.effectiveFrom > now);
  return {
    currency: org.currency,
    creditPriceMinorPerMillion: org.creditPriceMinorPerMillion,
    current: current ? await getVersion(db, orgId, current.id) : null,
    upcoming: upcoming ? { id: upcoming.id, version: upcoming.version, effectiveFrom: upcoming.effectiveFrom } : null,
  };
}

const MODEL_INSERT_BATCH = 1_000;

interface Actor {
  orgId: string;
  actor: string;
  actorMemberId?: string | null;
}

/** A new draft, starting from the rates of `fromVersionId` (default: the version in force, else defaults). */
export async function createDraft(
  db: DbOrTx,
  input: Actor & { fromVersionId?: string; note?: string; source?: string; models?: ModelPriceInput[] },
): Promise<{ id: string }> {
  return withTransaction(db, async (tx) => {
    let baseId = input.fromVersionId;
    if (!baseId) {
      const versions = await loadPublishedVersions(tx, input.orgId);
      baseId = versionInForce(versions, await dbNow(tx))?.id ?? versions.at(-1)?.id;
    }
    const base = baseId ? await getVersion(tx, input.orgId, baseId) : undefined;
    const [draft] = await tx
      .insert(priceVersions)
      .values({
        orgId: input.orgId,
        note: input.note ?? "",
        source: input.source ?? (base ? `copy of ${base.version ? `version ${base.version}` : "a draft"}` : "manual"),
        createdByMemberId: input.actorMemberId ?? null,
      })
      .returning({ id: priceVersions.id });
    const models = input.models ?? base?.models ?? [];
    const operations = base?.operations ?? DEFAULT_OPERATIONS;
    // In batches: one INSERT of a whole LiteLLM map (10,000+ rows) overflows drizzle's query builder and PostgreSQL's 65,535 parameters.
    for (let start = 0; start < models.length; start += MODEL_INSERT_BATCH) {
      await tx.insert(modelPrices).values(models.slice(start, start + MODEL_INSERT_BATCH).map((model) => modelRow(input.orgId, draft!.id, model)));
    }
    await tx.insert(operationPrices).values(operations.map((operation) => operationRow(input.orgId, draft!.id, operation)));
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: "price_version.draft_created",
      targetType: "price_version",
      targetId: draft!.id,
      after: { source: input.source, models: models.length },
    });
    return { id: draft!.id };
  });
}

function modelRow(orgId: string, versionId: string, model: ModelPriceInput) {
  return {
    orgId,
    versionId,
    model: model.model,
    provider: model.provider ?? "",
    mode: model.mode ?? "chat",
    inputMicrosPerMillionTokens: model.inputMicrosPerMillionTokens,
    outputMicrosPerMillionTokens: model.outputMicrosPerMillionTokens,
    cachedInputMicrosPerMillionTokens: model.cachedInputMicrosPerMillionTokens,
    cacheWriteMicrosPerMillionTokens: model.cacheWriteMicrosPerMillionTokens,
  };
}

function operationRow(orgId: string, versionId: string, operation: OperationPriceInput) {
  return {
    orgId,
    versionId,
    operation: operation.operation,
    unit: operation.unit,
    description: operation.description ?? "",
    microsPerUnit: operation.microsPerUnit,
  };
}

async function requireDraft(tx: DbOrTx, orgId: string, versionId: string) {
  const [version] = await tx
    .select({ status: priceVersions.status })
    .from(priceVersions)
    .where(and(eq(priceVersions.orgId, orgId), eq(priceVersions.id, versionId)))
    .for("update");
  if (!version) throw notFound("Price version", { versionId });
  if (version.status !== "draft") throw new AppError("CONFLICT", "A published price version cannot change; create a new draft");
}

export async function setModelPrice(db: DbOrTx, input: Actor & { versionId: string; price: ModelPriceInput }) {
  await withTransaction(db, async (tx) => {
    await requireDraft(tx, input.orgId, input.versionId);
    const row = modelRow(input.orgId, input.versionId, input.price);
    await tx
      .insert(modelPrices)
      .values(row)
      .onConflictDoUpdate({ target: [modelPrices.orgId, modelPrices.versionId, modelPrices.model], set: row });
  });
}

export async function removeModelPrice(db: DbOrTx, input: Actor & { versionId: string; model: string }) {
  await withTransaction(db, async (tx) => {
    await requireDraft(tx, input.orgId, input.versionId);
    await tx
      .delete(modelPrices)
      .where(and(eq(modelPrices.orgId, input.orgId), eq(modelPrices.versionId, input.versionId), eq(modelPrices.model, input.model)));
  });
}

export async function setOperationPrice(db: DbOrTx, input: Actor & { versionId: string; price: OperationPriceInput }) {
  await withTransaction(db, async (tx) => {
    await requireDraft(tx, input.orgId, input.versionId);
    const row = operationRow(input.orgId, input.versionId, input.price);
    await tx
      .insert(operationPrices)
      .values(row)
      .onConflictDoUpdate({ target: [operationPrices.orgId, operationPrices.versionId, operationPrices.operation], set: row });
  });
}

export async function discardDraft(db: DbOrTx, input: Actor & { versionId: string }) {
  await withTransaction(db, async (tx) => {
    await requireDraft(tx, input.orgId, input.versionId);
    await tx.delete(priceVersions).where(and(eq(priceVersions.orgId, input.orgId), eq(priceVersions.id, input.versionId)));
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: "price_version.draft_discarded",
      targetType: "price_version",
      targetId: input.versionId,
    });
  });
}

/**
 * Publishes a draft. It takes effect at `effectiveFrom` (default: now, by the database's clock),
 * which may not be in the past — no retroactive prices — nor before an already published version's
 * start, so the schedule only moves forward. From then on the version is immutable.
 */
export async function publishVersion(
  db: DbOrTx,
  input: Actor & {
    versionId: string;
    effectiveFrom?: Date;
    /** Only for loading history (the demo seed, a migration from another system); never exposed over the API. */
    allowPast?: boolean;
  },
): Promise<{ version: number; effectiveFrom: Date }> {
  return withTransaction(db, async (tx) => {
    // One publisher at a time per organisation.
    const [org] = await tx
      .select({ now: sql<string>`now()` })
      .from(organizations)
      .where(eq(organizations.id, input.orgId))
      .for("no key update");
    if (!org) throw notFound("Organisation");
    await requireDraft(tx, input.orgId, input.versionId);
    const now = new Date(org.now);
    const effectiveFrom = input.effectiveFrom ?? now;
    if (effectiveFrom < now && !input.allowPast) throw invalidInput("A price version cannot take effect in the past");
    const published = await loadPublishedVersions(tx, input.orgId);
    const latest = published.at(-1);
    if (latest && effectiveFrom < latest.effectiveFrom) {
      throw invalidInput(`Version ${latest.version} takes effect at ${latest.effectiveFrom.toISOString()}; a new version cannot start before it`);
    }
    const models = await tx.$count(modelPrices, and(eq(modelPrices.orgId, input.orgId), eq(modelPrices.versionId, input.versionId)));
    const version = Math.max(0, ...published.map((v) => v.version)) + 1;
    await tx
      .update(priceVersions)
      .set({ status: "published", version, effectiveFrom, publishedAt: now })
      .where(and(eq(priceVersions.orgId, input.orgId), eq(priceVersions.id, input.versionId)));
    await bumpConfigVersion(tx, input.orgId);
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: "price_version.published",
      targetType: "price_version",
      targetId: input.versionId,
      after: { version, effectiveFrom: effectiveFrom.toISOString(), models },
    });
    return { version, effectiveFrom };
  });
}
