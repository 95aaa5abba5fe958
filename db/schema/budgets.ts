import { relations, sql } from "drizzle-orm";
import { bigint, check, foreignKey, index, integer, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { allotSchema } from "./allot-schema";
import { agents, departments, members, organizations, projects } from "./orgs";

export const budgetScopeEnum = allotSchema.enum("budget_scope", ["organization", "department", "project", "agent", "user"]);
export const budgetPeriodEnum = allotSchema.enum("budget_period", ["day", "week", "month", "quarter", "year", "custom"]);
export const budgetModeEnum = allotSchema.enum("budget_mode", ["alert", "pause"]);

/**
 * A spending limit on a scope per period (in the organisation's time zone). `pause` budgets refuse
 * spend that would take committed + held past the limit; `alert` budgets only notify.
 */
export const budgets = allotSchema.table(
  "budgets",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    scope: budgetScopeEnum().notNull(),
    departmentId: uuid(),
    projectId: uuid(),
    agentId: uuid(),
    /** For user budgets: the user reference usage events carry (an e-mail or the app's user id). */
    userRef: text(),
    period: budgetPeriodEnum().notNull(),
    /** For custom periods: the fixed window [windowStart, windowEnd). */
    windowStart: timestamp({ withTimezone: true }),
    windowEnd: timestamp({ withTimezone: true }),
    limitMicros: bigint({ mode: "number" }).notNull(),
    /** Percentages of the limit that raise an alert, ascending. */
    thresholds: integer().array().notNull().default(sql`'{50,75,90,100}'::integer[]`),
    mode: budgetModeEnum().notNull().default("alert"),
    /** Roles in the organisation whose members are e-mailed (admin, finance, department_head …). */
    notifyRoles: text().array().notNull().default(sql`'{admin}'::text[]`),
    notifyEmails: text().array().notNull().default(sql`'{}'::text[]`),
    createdByMemberId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "budgets_pkey", columns: [t.orgId, t.id] }),
    index("budgets_org_scope_idx").on(t.orgId, t.scope).where(sql`${t.archivedAt} IS NULL`),
    check("budgets_limit_positive", sql`${t.limitMicros} > 0`),
    check(
      "budgets_scope_target",
      sql`(${t.scope} = 'organization' AND num_nonnulls(${t.departmentId}, ${t.projectId}, ${t.agentId}, ${t.userRef}) = 0)
        OR (${t.scope} = 'department' AND ${t.departmentId} IS NOT NULL AND num_nonnulls(${t.projectId}, ${t.agentId}, ${t.userRef}) = 0)
        OR (${t.scope} = 'project' AND ${t.projectId} IS NOT NULL AND num_nonnulls(${t.departmentId}, ${t.agentId}, ${t.userRef}) = 0)
        OR (${t.scope} = 'agent' AND ${t.agentId} IS NOT NULL AND num_nonnulls(${t.departmentId}, ${t.projectId}, ${t.userRef}) = 0)
        OR (${t.scope} = 'user' AND ${t.userRef} IS NOT NULL AND num_nonnulls(${t.departmentId}, ${t.projectId}, ${t.agentId}) = 0)`,
    ),
    check(
      "budgets_custom_window",
      sql`(${t.period} = 'custom') = (${t.windowStart} IS NOT NULL AND ${t.windowEnd} IS NOT NULL)
        AND (${t.windowStart} IS NULL OR ${t.windowEnd} > ${t.windowStart})`,
    ),
    check("budgets_thresholds", sql`cardinality(${t.thresholds}) BETWEEN 1 AND 10 AND 0 < ALL(${t.thresholds}) AND 100 >= ALL(${t.thresholds})`),
    foreignKey({ name: "budgets_department_fkey", columns: [t.orgId, t.departmentId], foreignColumns: [departments.orgId, departments.id] }),
    foreignKey({ name: "budgets_project_fkey", columns: [t.orgId, t.projectId], foreignColumns: [projects.orgId, projects.id] }),
    foreignKey({ name: "budgets_agent_fkey", columns: [t.orgId, t.agentId], foreignColumns: [agents.orgId, agents.id] }),
    foreignKey({ name: "budgets_created_by_fkey", columns: [t.orgId, t.createdByMemberId], foreignColumns: [members.orgId, members.id] }),
  ],
);

/**
 * A budget's running totals for one period. Rows are created on first spend in the period and
 * changed only under the organisation's wallet lock, in the same transaction as the spend.
 */
export const budgetPeriods = allotSchema.table(
  "budget_periods",
  {
    orgId: uuid().notNull(),
    budgetId: uuid().notNull(),
    periodStart: timestamp({ withTimezone: true }).notNull(),
    periodEnd: timestamp({ withTimezone: true }).notNull(),
    spentMicros: bigint({ mode: "number" }).notNull().default(0),
    heldMicros: bigint({ mode: "number" }).notNull().default(0),
    /** Set when a person resumed spending past the limit for the rest of this period. */
    resumedAt: timestamp({ withTimezone: true }),
    resumedByMemberId: uuid(),
  },
  (t) => [
    primaryKey({ name: "budget_periods_pkey", columns: [t.orgId, t.budgetId, t.periodStart] }),
    check("budget_periods_non_negative", sql`${t.spentMicros} >= 0 AND ${t.heldMicros} >= 0`),
    foreignKey({ name: "budget_periods_budget_fkey", columns: [t.orgId, t.budgetId], foreignColumns: [budgets.orgId, budgets.id] }),
  ],
);

export const alertKindEnum = allotSchema.enum("alert_kind", ["budget_threshold", "low_balance"]);

/**
 * An alert, raised exactly once per `dedupeKey` (e.g. one budget, period and threshold), in the
 * same transaction as the spend that crossed it.
 */
export const alerts = allotSchema.table(
  "alerts",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull(),
    kind: alertKindEnum().notNull(),
    dedupeKey: text().notNull(),
    budgetId: uuid(),
    periodStart: timestamp({ withTimezone: true }),
    thresholdPercent: integer(),
    spentMicros: bigint({ mode: "number" }),
    limitMicros: bigint({ mode: "number" }),
    availableMicros: bigint({ mode: "number" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedByMemberId: uuid(),
  },
  (t) => [
    primaryKey({ name: "alerts_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("alerts_dedupe_key").on(t.orgId, t.dedupeKey),
    index("alerts_org_created_idx").on(t.orgId, t.createdAt),
    foreignKey({ name: "alerts_budget_fkey", columns: [t.orgId, t.budgetId], foreignColumns: [budgets.orgId, budgets.id] }),
  ],
);

export const budgetsRelations = relations(budgets, ({ one, many }) => ({
  department: one(departments, { fields: [budgets.orgId, budgets.departmentId], references: [departments.orgId, departments.id] }),
  project: one(projects, { fields: [budgets.orgId, budgets.projectId], references: [projects.orgId, projects.id] }),
  agent: one(agents, { fields: [budgets.orgId, budgets.agentId], references: [agents.orgId, agents.id] }),
  periods: many(budgetPeriods),
}));

export const budgetPeriodsRelations = relations(budgetPeriods, ({ one }) => ({
  budget: one(budgets, { fields: [budgetPeriods.orgId, budgetPeriods.budgetId], references: [budgets.orgId, budgets.id] }),
}));
