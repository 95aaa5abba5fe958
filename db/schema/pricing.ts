import { relations, sql } from "drizzle-orm";
import { allotSchema } from "./allot-schema";
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { members, organizations } from "./orgs";

export const priceVersionStatusEnum = allotSchema.enum("price_version_status", ["draft", "published"]);

/**
 * One version of an organisation's price book. Drafts are edited; a published version is immutable
 * (enforced by triggers) and prices every event whose timestamp falls at or after `effectiveFrom`
 * until the next published version takes over.
 */
export const priceVersions = allotSchema.table(
  "price_versions",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    /** 1, 2, 3 … per organisation, assigned at publication; drafts have none. */
    version: integer(),
    status: priceVersionStatusEnum().notNull().default("draft"),
    effectiveFrom: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    note: text().notNull().default(""),
    /** Where the rates came from, e.g. "litellm import: 1 credit = 0.01 USD, markup 20%". */
    source: text().notNull().default("manual"),
    createdByMemberId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "price_versions_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("price_versions_org_version_key").on(t.orgId, t.version),
    index("price_versions_org_effective_idx").on(t.orgId, t.effectiveFrom),
    check(
      "price_versions_published_complete",
      sql`(${t.status} = 'draft' AND ${t.version} IS NULL AND ${t.effectiveFrom} IS NULL)
        OR (${t.status} = 'published' AND ${t.version} IS NOT NULL AND ${t.effectiveFrom} IS NOT NULL AND ${t.publishedAt} IS NOT NULL)`,
    ),
    foreignKey({
      name: "price_versions_created_by_fkey",
      columns: [t.orgId, t.createdByMemberId],
      foreignColumns: [members.orgId, members.id],
    }),
  ],
);

/** Rates are micro-credits per 1,000,000 tokens; a null cached or cache-write rate means "the input rate". */
export const modelPrices = allotSchema.table(
  "model_prices",
  {
    orgId: uuid().notNull(),
    versionId: uuid().notNull(),
    model: text().notNull(),
    provider: text().notNull().default(""),
    mode: text().notNull().default("chat"),
    inputMicrosPerMillionTokens: bigint({ mode: "number" }).notNull(),
    outputMicrosPerMillionTokens: bigint({ mode: "number" }).notNull(),
    cachedInputMicrosPerMillionTokens: bigint({ mode: "number" }),
    cacheWriteMicrosPerMillionTokens: bigint({ mode: "number" }),
  },
  (t) => [
    primaryKey({ name: "model_prices_pkey", columns: [t.orgId, t.versionId, t.model] }),
    check(
      "model_prices_non_negative",
      sql`${t.inputMicrosPerMillionTokens} >= 0 AND ${t.outputMicrosPerMillionTokens} >= 0
        AND coalesce(${t.cachedInputMicrosPerMillionTokens}, 0) >= 0 AND coalesce(${t.cacheWriteMicrosPerMillionTokens}, 0) >= 0`,
    ),
    check("model_prices_model_format", sql`length(${t.model}) BETWEEN 1 AND 200`),
    foreignKey({
      name: "model_prices_version_fkey",
      columns: [t.orgId, t.versionId],
      foreignColumns: [priceVersions.orgId, priceVersions.id],
    }).onDelete("cascade"),
  ],
);

/** Platform operations (agent run, storage GB-day, integration call …): micro-credits per unit. */
export const operationPrices = allotSchema.table(
  "operation_prices",
  {
    orgId: uuid().notNull(),
    versionId: uuid().notNull(),
    operation: text().notNull(),
    unit: text().notNull(),
    description: text().notNull().default(""),
    microsPerUnit: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "operation_prices_pkey", columns: [t.orgId, t.versionId, t.operation] }),
    check("operation_prices_non_negative", sql`${t.microsPerUnit} >= 0`),
    check("operation_prices_operation_format", sql`${t.operation} ~ '^[a-z0-9][a-z0-9._-]{0,62}$'`),
    foreignKey({
      name: "operation_prices_version_fkey",
      columns: [t.orgId, t.versionId],
      foreignColumns: [priceVersions.orgId, priceVersions.id],
    }).onDelete("cascade"),
  ],
);

export const priceVersionsRelations = relations(priceVersions, ({ many }) => ({
  models: many(modelPrices),
  operations: many(operationPrices),
}));

export const modelPricesRelations = relations(modelPrices, ({ one }) => ({
  version: one(priceVersions, {
    fields: [modelPrices.orgId, modelPrices.versionId],
    references: [priceVersions.orgId, priceVersions.id],
  }),
}));

export const operationPricesRelations = relations(operationPrices, ({ one }) => ({
  version: one(priceVersions, {
    fields: [operationPrices.orgId, operationPrices.versionId],
    references: [priceVersions.orgId, priceVersions.id],
  }),
}));
