import { relations, sql } from "drizzle-orm";
import { allotSchema } from "./allot-schema";
import { check, foreignKey, index, integer, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departments, members, organizations } from "./orgs";

export const API_KEY_SCOPES = ["usage:write", "usage:read", "pricing:read", "reports:read", "purchases:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A sibling app's credential. Only a SHA-256 of the secret is stored; the prefix is shown to people. */
export const apiKeys = allotSchema.table(
  "api_keys",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    prefix: text().notNull(),
    secretHash: text().notNull(),
    scopes: text().array().$type<ApiKeyScope[]>().notNull(),
    /** When set, the key may only record and read usage of this department. */
    departmentId: uuid(),
    createdByMemberId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    /** Calls per second this key may make (bursts up to twice that); null for the server's default. */
    rateLimitPerSecond: integer(),
  },
  (t) => [
    primaryKey({ name: "api_keys_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("api_keys_prefix_key").on(t.prefix),
    index("api_keys_org_created_idx").on(t.orgId, t.createdAt),
    check("api_keys_rate_limit_positive", sql`${t.rateLimitPerSecond} IS NULL OR ${t.rateLimitPerSecond} > 0`),
    check(
      "api_keys_scopes_known",
      sql`${t.scopes} <@ ARRAY['usage:write','usage:read','pricing:read','reports:read','purchases:write']::text[] AND cardinality(${t.scopes}) > 0`,
    ),
    foreignKey({
      name: "api_keys_department_fkey",
      columns: [t.orgId, t.departmentId],
      foreignColumns: [departments.orgId, departments.id],
    }),
    foreignKey({
      name: "api_keys_created_by_fkey",
      columns: [t.orgId, t.createdByMemberId],
      foreignColumns: [members.orgId, members.id],
    }),
  ],
);

export const apiKeysRelations = relations(apiKeys, ({ one }) => ({
  department: one(departments, {
    fields: [apiKeys.orgId, apiKeys.departmentId],
    references: [departments.orgId, departments.id],
  }),
  createdBy: one(members, {
    fields: [apiKeys.orgId, apiKeys.createdByMemberId],
    references: [members.orgId, members.id],
  }),
}));
