import { relations, sql } from "drizzle-orm";
import { allotSchema } from "./allot-schema";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { members, organizations } from "./orgs";

export const ledgerAccountKindEnum = allotSchema.enum("ledger_account_kind", [
  "grant", // a lot of credits the organisation can spend; never below zero
  "issuance", // where granted credits come from (goes negative as credits are issued)
  "consumption", // where spent credits go
  "expiration", // where expired credits go
  "adjustment", // where credits removed by an administrator go
]);

export const grantKindEnum = allotSchema.enum("grant_kind", ["starter", "purchase", "promotion", "adjustment"]);

export const ledgerTransactionKindEnum = allotSchema.enum("ledger_transaction_kind", [
  "grant",
  "usage",
  "expiry",
  "adjustment",
  "reversal",
]);

/**
 * One row per organisation: the lock every debit and hold takes first, and the running totals.
 * `postedMicros` is maintained by the ledger trigger (sum of the grant accounts); `heldMicros` is
 * the sum of active reservations. Available = posted − held.
 */
export const creditWallets = allotSchema.table(
  "credit_wallets",
  {
    orgId: uuid()
      .primaryKey()
      .references(() => organizations.id),
    postedMicros: bigint({ mode: "number" }).notNull().default(0),
    heldMicros: bigint({ mode: "number" }).notNull().default(0),
    /** Soonest expiry among the grants that still hold credits; lets a debit expire lazily. */
    nextExpiryAt: timestamp({ withTimezone: true }),
    /**
     * No active hold of the organisation expires before this; null when none is active. A lower
     * bound: lowered by every new hold, raised only by the sweep that expires the holds now due
     * (server/usage/hold-expiry.ts), so a group finds it has no due hold to look for without a scan.
     */
    nextHoldExpiryAt: timestamp({ withTimezone: true }),
    /** A low-balance alert was raised and the balance has not recovered since (re-armed above the threshold). */
    lowBalanceAlerted: boolean().notNull().default(false),
    /**
     * Bumped (under this lock) by every change to what spending reads from configuration — price
     * versions, departments, projects, agents, budgets, the time zone — so caches of it are exact.
     */
    configVersion: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    check("credit_wallets_posted_non_negative", sql`${t.postedMicros} >= 0`),
    check("credit_wallets_held_non_negative", sql`${t.heldMicros} >= 0`),
  ],
);

/**
 * Double-entry accounts. `balanceMicros` is maintained only by the trigger on `ledger_entries`
 * (it always equals the sum of the account's entries) and never falls below `floorMicros`.
 */
export const ledgerAccounts = allotSchema.table(
  "ledger_accounts",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    kind: ledgerAccountKindEnum().notNull(),
    balanceMicros: bigint({ mode: "number" }).notNull().default(0),
    /** Lowest balance allowed; null for the system accounts, which are unbounded. */
    floorMicros: bigint({ mode: "number" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "ledger_accounts_pkey", columns: [t.orgId, t.id] }),
    index("ledger_accounts_org_kind_idx").on(t.orgId, t.kind),
    check("ledger_accounts_floor", sql`${t.floorMicros} IS NULL OR ${t.balanceMicros} >= ${t.floorMicros}`),
    check("ledger_accounts_grants_bounded", sql`${t.kind} <> 'grant' OR ${t.floorMicros} = 0`),
  ],
);

/** A lot of credits. Its id is its ledger account's id; its remaining credits are that account's balance. */
export const creditGrants = allotSchema.table(
  "credit_grants",
  {
    orgId: uuid().notNull(),
    id: uuid().notNull(),
    kind: grantKindEnum().notNull(),
    /** Lower burns first; then soonest expiry, then oldest. */
    priority: integer().notNull(),
    amountMicros: bigint({ mode: "number" }).notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    /** Set by the expiry posting; an expired grant is never burned again. */
    expiredAt: timestamp({ withTimezone: true }),
    memo: text().notNull().default(""),
    /** What caused the grant, e.g. a purchase id. */
    sourceRef: text(),
    createdByMemberId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "credit_grants_pkey", columns: [t.orgId, t.id] }),
    index("credit_grants_open_idx").on(t.orgId, t.priority, t.expiresAt, t.createdAt).where(sql`${t.expiredAt} IS NULL`),
    check("credit_grants_amount_positive", sql`${t.amountMicros} > 0`),
    foreignKey({
      name: "credit_grants_account_fkey",
      columns: [t.orgId, t.id],
      foreignColumns: [ledgerAccounts.orgId, ledgerAccounts.id],
    }),
    foreignKey({
      name: "credit_grants_created_by_fkey",
      columns: [t.orgId, t.createdByMemberId],
      foreignColumns: [members.orgId, members.id],
    }),
  ],
);

/**
 * A balanced set of entries, with what caused it. Append-only. A `usage` transaction is the posting
 * of one spending write: its entries take from each grant what the write's events burned from it
 * (in burn order, event by event) and credit consumption with their total; every event it paid for
 * names it (`usage_events.ledger_transaction_id`), so each credit spent still leads to its events.
 */
export const ledgerTransactions = allotSchema.table(
  "ledger_transactions",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull(),
    kind: ledgerTransactionKindEnum().notNull(),
    grantId: uuid(),
    memo: text().notNull().default(""),
    actorMemberId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "ledger_transactions_pkey", columns: [t.orgId, t.id] }),
    index("ledger_transactions_org_created_idx").on(t.orgId, t.createdAt),
    index("ledger_transactions_grant_idx").on(t.orgId, t.grantId).where(sql`${t.grantId} IS NOT NULL`),
  ],
);

/**
 * Signed amounts: each transaction's entries sum to zero (checked per statement by a trigger).
 * UPDATE, DELETE and TRUNCATE are refused by triggers: corrections are reversing transactions.
 */
export const ledgerEntries = allotSchema.table(
  "ledger_entries",
  {
    orgId: uuid().notNull(),
    id: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    transactionId: uuid().notNull(),
    accountId: uuid().notNull(),
    amountMicros: bigint({ mode: "number" }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "ledger_entries_pkey", columns: [t.orgId, t.id] }),
    index("ledger_entries_account_idx").on(t.orgId, t.accountId, t.id),
    index("ledger_entries_transaction_idx").on(t.orgId, t.transactionId),
    check("ledger_entries_amount_non_zero", sql`${t.amountMicros} <> 0`),
    foreignKey({
      name: "ledger_entries_transaction_fkey",
      columns: [t.orgId, t.transactionId],
      foreignColumns: [ledgerTransactions.orgId, ledgerTransactions.id],
    }),
    foreignKey({
      name: "ledger_entries_account_fkey",
      columns: [t.orgId, t.accountId],
      foreignColumns: [ledgerAccounts.orgId, ledgerAccounts.id],
    }),
  ],
);

export const creditGrantsRelations = relations(creditGrants, ({ one }) => ({
  account: one(ledgerAccounts, {
    fields: [creditGrants.orgId, creditGrants.id],
    references: [ledgerAccounts.orgId, ledgerAccounts.id],
  }),
}));

export const ledgerTransactionsRelations = relations(ledgerTransactions, ({ many }) => ({
  entries: many(ledgerEntries),
}));

export const ledgerEntriesRelations = relations(ledgerEntries, ({ one }) => ({
  transaction: one(ledgerTransactions, {
    fields: [ledgerEntries.orgId, ledgerEntries.transactionId],
    references: [ledgerTransactions.orgId, ledgerTransactions.id],
  }),
  account: one(ledgerAccounts, {
    fields: [ledgerEntries.orgId, ledgerEntries.accountId],
    references: [ledgerAccounts.orgId, ledgerAccounts.id],
  }),
}));
