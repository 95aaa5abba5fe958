import { relations, sql } from "drizzle-orm";
import { allotSchema } from "./allot-schema";
import {
  bigint,
  check,
  index,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { agents, departments, projects } from "./orgs";
import { priceVersions } from "./pricing";

export interface BudgetHold {
  budgetId: string;
  periodStart: string;
  amountMicros: number;
}

export const usageKindEnum = allotSchema.enum("usage_kind", ["model", "operation"]);
export const reservationStatusEnum = allotSchema.enum("reservation_status", ["active", "settled", "released", "expired"]);

/** Who and what an action is attributed to; shared by usage events and reservations. */
const attribution = {
  departmentId: uuid(),
  projectId: uuid(),
  agentId: uuid(),
  userRef: text(),
  taskType: text(),
  workflow: text(),
  outcomeRef: text(),
};

/**
 * One priced action. Append-only: a correction is a reversing ledger transaction, never an edit.
 * The hottest table, written only by the spending write (server/usage/usage-write.ts): it has no
 * foreign-key triggers, which cost more than the rest of the insert. What they would guard is
 * guarded where it is cheaper: the write takes every id from the configuration read under the
 * wallet lock, the rows it names are never deleted (published price versions are immutable;
 * departments, projects, agents and API keys refuse DELETE — migration 0010 —, and organisations
 * — 0011), and `ledger:verify` checks every reference.
 */
export const usageEvents = allotSchema.table(
  "usage_events",
  {
    orgId: uuid().notNull(),
    id: uuid().notNull(),
    idempotencyKey: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    kind: usageKindEnum().notNull(),
    /** The model (kind model) or operation (kind operation) that was priced. */
    item: text().notNull(),
    priceVersionId: uuid().notNull(),
    inputTokens: bigint({ mode: "number" }).notNull().default(0),
    outputTokens: bigint({ mode: "number" }).notNull().default(0),
    cachedInputTokens: bigint({ mode: "number" }).notNull().default(0),
    cacheWriteTokens: bigint({ mode: "number" }).notNull().default(0),
    /** Operation quantity in millionths of a unit (1.5 GB-days = 1,500,000). */
    quantityMicros: bigint({ mode: "number" }).notNull().default(0),
    /** What the action cost at its price version. */
    costMicros: bigint({ mode: "number" }).notNull(),
    /** What the ledger debited; less than the cost only when a settlement exceeded what was available. */
    chargedMicros: bigint({ mode: "number" }).notNull(),
    ...attribution,
    reservationId: uuid(),
    apiKeyId: uuid(),
    metadata: jsonb().$type<Record<string, string>>(),
    /** The usage posting that debited it, shared by the events of one write; null when nothing was charged. */
    ledgerTransactionId: uuid(),
    /**
     * The event is its idempotency key's stored answer (server/usage/recorded-answers.ts): the hash
     * of the request that recorded it, and what that answer said beyond the event's own columns.
     * Null only for events written outside the API (the analytics bench's generator).
     */
    requestHash: text(),
    balanceAfterMicros: bigint({ mode: "number" }),
    /** A settle's: what it gave back of its hold. */
    releasedMicros: bigint({ mode: "number" }),
  },
  (t) => [
    primaryKey({ name: "usage_events_pkey", columns: [t.orgId, t.id] }),
    // Key first: the answer lookup (server/usage/recorded-answers.ts) must be able to use no other index.
    uniqueIndex("usage_events_idempotency_key").on(t.idempotencyKey, t.orgId),
    index("usage_events_org_occurred_idx").on(t.orgId, t.occurredAt),
    index("usage_events_org_recorded_idx").on(t.orgId, t.recordedAt),
    index("usage_events_org_agent_idx").on(t.orgId, t.agentId, t.occurredAt),
    index("usage_events_org_department_idx").on(t.orgId, t.departmentId, t.occurredAt),
    check("usage_events_amounts_non_negative", sql`${t.costMicros} >= 0 AND ${t.chargedMicros} BETWEEN 0 AND ${t.costMicros}`),
    check(
      "usage_events_counts_non_negative",
      sql`${t.inputTokens} >= 0 AND ${t.outputTokens} >= 0 AND ${t.cachedInputTokens} >= 0 AND ${t.cacheWriteTokens} >= 0 AND ${t.quantityMicros} >= 0`,
    ),
  ],
);

/**
 * A hold of estimated credits for an in-flight action. Available = posted − held. Written on every
 * authorize, so like usage_events it has no foreign-key triggers (see there for what guards instead).
 */
export const reservations = allotSchema.table(
  "reservations",
  {
    orgId: uuid().notNull(),
    id: uuid().notNull(),
    idempotencyKey: text().notNull(),
    status: reservationStatusEnum().notNull().default("active"),
    amountMicros: bigint({ mode: "number" }).notNull(),
    /** What the estimate was for: a model or operation, when the hold was priced from an action. */
    item: text(),
    priceVersionId: uuid(),
    ...attribution,
    apiKeyId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    resolvedAt: timestamp({ withTimezone: true }),
    usageEventId: uuid(),
    /** Where the hold was booked in budgets (budget, period, amount), so resolving it returns exactly that. */
    budgetHolds: jsonb().$type<BudgetHold[]>().notNull().default([]),
    /**
     * The hold is its idempotency key's stored answer (server/usage/held-answers.ts): the hash of
     * the authorize that made it, and what that answer said beyond the hold's own columns. Null only
     * for holds written outside the API.
     */
    requestHash: text(),
    availableAfterMicros: bigint({ mode: "number" }),
  },
  (t) => [
    primaryKey({ name: "reservations_pkey", columns: [t.orgId, t.id] }),
    // Key first, as usage_events': the answer lookup must be able to use no other index.
    uniqueIndex("reservations_idempotency_key").on(t.idempotencyKey, t.orgId),
    index("reservations_active_expiry_idx").on(t.orgId, t.expiresAt).where(sql`${t.status} = 'active'`),
    check("reservations_amount_positive", sql`${t.amountMicros} > 0`),
    check("reservations_resolution", sql`(${t.status} = 'active') = (${t.resolvedAt} IS NULL)`),
  ],
);

export const usageEventsRelations = relations(usageEvents, ({ one }) => ({
  department: one(departments, {
    fields: [usageEvents.orgId, usageEvents.departmentId],
    references: [departments.orgId, departments.id],
  }),
  project: one(projects, {
    fields: [usageEvents.orgId, usageEvents.projectId],
    references: [projects.orgId, projects.id],
  }),
  agent: one(agents, {
    fields: [usageEvents.orgId, usageEvents.agentId],
    references: [agents.orgId, agents.id],
  }),
  priceVersion: one(priceVersions, {
    fields: [usageEvents.orgId, usageEvents.priceVersionId],
    references: [priceVersions.orgId, priceVersions.id],
  }),
}));
