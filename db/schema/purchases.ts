import { relations, sql } from "drizzle-orm";
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { allotSchema } from "./allot-schema";
import { apiKeys } from "./api-keys";
import { members, organizations } from "./orgs";

/** A graduated volume tier: credits from `fromMicros` on (until the next tier) cost this much. */
export interface VolumeTier {
  fromMicros: number;
  priceMinorPerMillion: number;
}

export const purchaseStatusEnum = allotSchema.enum("purchase_status", [
  "pending_approval", // at or above the approval threshold: waits for finance
  "awaiting_payment", // the payment step has started (an invoice is issued)
  "paid", // the payment completed and the credits were granted
  "rejected",
  "expired", // nobody decided in time
  "cancelled",
]);
export const purchaseSourceEnum = allotSchema.enum("purchase_source", ["request", "auto_top_up"]);
export const purchaseApprovalDecisionEnum = allotSchema.enum("purchase_approval_decision", ["approved", "rejected"]);
export const invoiceStatusEnum = allotSchema.enum("invoice_status", ["issued", "paid", "void"]);

/**
 * An organisation's purchase rules (one row, created on first change; defaults when absent).
 * Money in minor units of the organisation's currency, rates in basis points (1 % = 100).
 */
export const purchaseSettings = allotSchema.table(
  "purchase_settings",
  {
    orgId: uuid()
      .primaryKey()
      .references(() => organizations.id),
    /** Graduated tiers above the list price, ascending by `fromMicros` (empty: the list price for every credit). */
    volumeTiers: jsonb().$type<VolumeTier[]>().notNull().default([]),
    /** A committed-use contract: at least this much per month for `commitmentMonths` months from `commitmentStartMonth`. */
    commitmentMonthlyMinimumMinor: bigint({ mode: "number" }),
    commitmentMonths: integer(),
    commitmentDiscountBps: integer(),
    /** The first day of the contract's first month (a calendar month in the organisation's time zone). */
    commitmentStartMonth: date({ mode: "string" }),
    annualPrepayDiscountBps: integer().notNull().default(0),
    taxRateBps: integer().notNull().default(0),
    /** Purchases totalling at least this need a finance approval; null: none do. */
    approvalThresholdMinor: bigint({ mode: "number" }),
    /** Purchases totalling at least this need two different finance approvers. */
    secondApprovalThresholdMinor: bigint({ mode: "number" }),
    approvalExpiryHours: integer().notNull().default(72),
    autoTopUpEnabled: boolean().notNull().default(false),
    autoTopUpThresholdMicros: bigint({ mode: "number" }),
    autoTopUpBlockMicros: bigint({ mode: "number" }),
    autoTopUpMonthlyCapMinor: bigint({ mode: "number" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "purchase_settings_commitment_complete",
      sql`num_nonnulls(${t.commitmentMonthlyMinimumMinor}, ${t.commitmentMonths}, ${t.commitmentDiscountBps}, ${t.commitmentStartMonth}) IN (0, 4)`,
    ),
    check(
      "purchase_settings_rates",
      sql`${t.annualPrepayDiscountBps} BETWEEN 0 AND 9999 AND ${t.taxRateBps} BETWEEN 0 AND 10000
        AND (${t.commitmentDiscountBps} IS NULL OR ${t.commitmentDiscountBps} BETWEEN 0 AND 9999)`,
    ),
    check(
      "purchase_settings_thresholds",
      sql`(${t.approvalThresholdMinor} IS NULL OR ${t.approvalThresholdMinor} >= 0)
        AND (${t.secondApprovalThresholdMinor} IS NULL OR (${t.approvalThresholdMinor} IS NOT NULL AND ${t.secondApprovalThresholdMinor} >= ${t.approvalThresholdMinor}))
        AND ${t.approvalExpiryHours} > 0`,
    ),
    check(
      "purchase_settings_auto_top_up",
      sql`NOT ${t.autoTopUpEnabled} OR (${t.autoTopUpThresholdMicros} >= 0 AND ${t.autoTopUpBlockMicros} > 0 AND ${t.autoTopUpMonthlyCapMinor} >= 0)`,
    ),
  ],
);

/**
 * A request to buy credits: quote → request → approval (at or above the threshold) → payment →
 * grant. The quote is frozen at request time; `status` moves only forward, by conditional updates
 * under the organisation's wallet lock, and every move is in the audit trail.
 */
export const purchases = allotSchema.table(
  "purchases",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull(),
    /** Per organisation, like usage keys; the same key with another payload is refused. */
    idempotencyKey: text().notNull(),
    requestHash: text().notNull(),
    source: purchaseSourceEnum().notNull(),
    status: purchaseStatusEnum().notNull(),
    /** Who asked: the member, or for an API key the member who created the key; null for the system (auto top-up). */
    requestedByMemberId: uuid(),
    apiKeyId: uuid(),
    creditsMicros: bigint({ mode: "number" }).notNull(),
    annualPrepay: boolean().notNull().default(false),
    currency: text().notNull(),
    /** After discounts, before tax, rounded half-up: what counts toward a committed-use minimum. */
    netMinor: bigint({ mode: "number" }).notNull(),
    /** What is due: the exact total rounded half-up to minor units, once. */
    totalMinor: bigint({ mode: "number" }).notNull(),
    /** The line-by-line breakdown at request time (server/purchases/quote-math.ts). */
    quote: jsonb().notNull(),
    /** 0, 1 or 2 different finance approvers. */
    requiredApprovals: integer().notNull(),
    paymentMethod: text().notNull().default("invoice"),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A pending request expires at this time (database clock). */
    expiresAt: timestamp({ withTimezone: true }),
    /** Approved, rejected, expired or cancelled. */
    decidedAt: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    grantId: uuid(),
  },
  (t) => [
    primaryKey({ name: "purchases_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("purchases_org_idempotency_key").on(t.orgId, t.idempotencyKey),
    index("purchases_org_created_idx").on(t.orgId, t.createdAt),
    index("purchases_org_pending_idx").on(t.orgId, t.status).where(sql`${t.status} IN ('pending_approval', 'awaiting_payment')`),
    index("purchases_pending_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'pending_approval'`),
    // The net under "at most one auto top-up in flight per organisation".
    uniqueIndex("purchases_one_auto_top_up_in_flight")
      .on(t.orgId)
      .where(sql`${t.source} = 'auto_top_up' AND ${t.status} IN ('pending_approval', 'awaiting_payment')`),
    check("purchases_amounts", sql`${t.creditsMicros} > 0 AND ${t.netMinor} >= 0 AND ${t.totalMinor} >= ${t.netMinor}`),
    check("purchases_required_approvals", sql`${t.requiredApprovals} BETWEEN 0 AND 2`),
    check("purchases_paid_has_grant", sql`(${t.status} = 'paid') = (${t.grantId} IS NOT NULL AND ${t.paidAt} IS NOT NULL)`),
    check("purchases_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    foreignKey({ name: "purchases_requested_by_fkey", columns: [t.orgId, t.requestedByMemberId], foreignColumns: [members.orgId, members.id] }),
    foreignKey({ name: "purchases_api_key_fkey", columns: [t.orgId, t.apiKeyId], foreignColumns: [apiKeys.orgId, apiKeys.id] }),
  ],
);

/** One finance member's decision on a pending purchase; a member decides a purchase at most once. */
export const purchaseApprovals = allotSchema.table(
  "purchase_approvals",
  {
    orgId: uuid().notNull(),
    purchaseId: uuid().notNull(),
    memberId: uuid().notNull(),
    decision: purchaseApprovalDecisionEnum().notNull(),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "purchase_approvals_pkey", columns: [t.orgId, t.purchaseId, t.memberId] }),
    foreignKey({ name: "purchase_approvals_purchase_fkey", columns: [t.orgId, t.purchaseId], foreignColumns: [purchases.orgId, purchases.id] }),
    foreignKey({ name: "purchase_approvals_member_fkey", columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }),
  ],
);

/**
 * The invoice of a purchase paid by invoice. Numbers are per organisation and year without gaps
 * (`invoice_counters`, allocated in the transaction that issues the invoice); a void invoice keeps its number.
 */
export const invoices = allotSchema.table(
  "invoices",
  {
    orgId: uuid().notNull(),
    id: uuid().notNull(),
    purchaseId: uuid().notNull(),
    /** "INV-2026-000042". */
    number: text().notNull(),
    year: integer().notNull(),
    sequence: integer().notNull(),
    status: invoiceStatusEnum().notNull().default("issued"),
    currency: text().notNull(),
    /** The quote's lines, as issued. */
    lines: jsonb().notNull(),
    taxRateBps: integer().notNull(),
    /** The exact tax (decimal minor units); the total is rounded once, at the end. */
    taxExact: text().notNull(),
    totalMinor: bigint({ mode: "number" }).notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp({ withTimezone: true }),
    paidByMemberId: uuid(),
    paymentReference: text(),
    voidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "invoices_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("invoices_org_number_key").on(t.orgId, t.number),
    uniqueIndex("invoices_org_year_sequence_key").on(t.orgId, t.year, t.sequence),
    uniqueIndex("invoices_org_purchase_key").on(t.orgId, t.purchaseId),
    check("invoices_sequence_positive", sql`${t.sequence} > 0`),
    check("invoices_paid", sql`(${t.status} = 'paid') = (${t.paidAt} IS NOT NULL) AND (${t.status} = 'void') = (${t.voidedAt} IS NOT NULL)`),
    foreignKey({ name: "invoices_purchase_fkey", columns: [t.orgId, t.purchaseId], foreignColumns: [purchases.orgId, purchases.id] }),
    foreignKey({ name: "invoices_paid_by_fkey", columns: [t.orgId, t.paidByMemberId], foreignColumns: [members.orgId, members.id] }),
  ],
);

/** The last invoice number used per organisation and year. */
export const invoiceCounters = allotSchema.table(
  "invoice_counters",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    year: integer().notNull(),
    lastSequence: integer().notNull(),
  },
  (t) => [primaryKey({ name: "invoice_counters_pkey", columns: [t.orgId, t.year] })],
);

export const purchasesRelations = relations(purchases, ({ one, many }) => ({
  requestedBy: one(members, {
    fields: [purchases.orgId, purchases.requestedByMemberId],
    references: [members.orgId, members.id],
  }),
  approvals: many(purchaseApprovals),
  invoice: one(invoices, { fields: [purchases.orgId, purchases.id], references: [invoices.orgId, invoices.purchaseId] }),
}));

export const purchaseApprovalsRelations = relations(purchaseApprovals, ({ one }) => ({
  purchase: one(purchases, {
    fields: [purchaseApprovals.orgId, purchaseApprovals.purchaseId],
    references: [purchases.orgId, purchases.id],
  }),
  member: one(members, { fields: [purchaseApprovals.orgId, purchaseApprovals.memberId], references: [members.orgId, members.id] }),
}));
