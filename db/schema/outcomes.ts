import { relations, sql } from "drizzle-orm";
import { bigint, check, foreignKey, index, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { allotSchema } from "./allot-schema";
import { agents, departments, organizations } from "./orgs";

export const outcomeSourceEnum = allotSchema.enum("outcome_source", ["api", "manual"]);

/**
 * A unit of business value a department produces (tickets deflected, leads generated, hours
 * saved) and what one unit is worth, in minor units of the organisation's currency.
 */
export const outcomeMetrics = allotSchema.table(
  "outcome_metrics",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    departmentId: uuid().notNull(),
    slug: text().notNull(),
    name: text().notNull(),
    /** What one unit is called ("ticket", "lead", "hour"). */
    unit: text().notNull(),
    valuePerUnitMinor: bigint({ mode: "number" }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "outcome_metrics_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("outcome_metrics_org_slug_key").on(t.orgId, t.slug),
    check("outcome_metrics_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9._-]{0,62}$'`),
    check("outcome_metrics_value_non_negative", sql`${t.valuePerUnitMinor} >= 0`),
    foreignKey({
      name: "outcome_metrics_department_fkey",
      columns: [t.orgId, t.departmentId],
      foreignColumns: [departments.orgId, departments.id],
    }),
  ],
);

/**
 * Outcomes recorded for a metric: a quantity (in millionths of a unit) at a time, valued at the
 * metric's value per unit when recorded, so a later change of the value does not rewrite history.
 * Idempotent per organisation on `idempotencyKey` (same payload: same answer; else refused).
 */
export const outcomeRecords = allotSchema.table(
  "outcome_records",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull(),
    idempotencyKey: text().notNull(),
    requestHash: text().notNull(),
    metricId: uuid().notNull(),
    /** The metric's department, copied so reports group and filter without a join. */
    departmentId: uuid().notNull(),
    agentId: uuid(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    quantityMicros: bigint({ mode: "number" }).notNull(),
    valuePerUnitMinor: bigint({ mode: "number" }).notNull(),
    source: outcomeSourceEnum().notNull(),
    apiKeyId: uuid(),
    memberId: uuid(),
    note: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "outcome_records_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("outcome_records_org_key_key").on(t.orgId, t.idempotencyKey),
    index("outcome_records_org_department_idx").on(t.orgId, t.departmentId, t.occurredAt),
    check("outcome_records_quantity_positive", sql`${t.quantityMicros} > 0`),
    check("outcome_records_value_non_negative", sql`${t.valuePerUnitMinor} >= 0`),
    foreignKey({
      name: "outcome_records_metric_fkey",
      columns: [t.orgId, t.metricId],
      foreignColumns: [outcomeMetrics.orgId, outcomeMetrics.id],
    }),
    foreignKey({
      name: "outcome_records_department_fkey",
      columns: [t.orgId, t.departmentId],
      foreignColumns: [departments.orgId, departments.id],
    }),
    foreignKey({
      name: "outcome_records_agent_fkey",
      columns: [t.orgId, t.agentId],
      foreignColumns: [agents.orgId, agents.id],
    }),
  ],
);

export const outcomeMetricsRelations = relations(outcomeMetrics, ({ one }) => ({
  department: one(departments, {
    fields: [outcomeMetrics.orgId, outcomeMetrics.departmentId],
    references: [departments.orgId, departments.id],
  }),
}));
