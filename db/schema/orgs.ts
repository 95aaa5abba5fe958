import { relations, sql } from "drizzle-orm";
import { allotSchema } from "./allot-schema";
import {
  bigint,
  check,
  foreignKey,
  index,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const memberRoleEnum = allotSchema.enum("member_role", ["admin", "finance", "department_head", "member"]);

/** A tenant. Every other table carries `org_id` as the leading column of its key. */
export const organizations = allotSchema.table(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    timeZone: text().notNull().default("UTC"),
    currency: text().notNull().default("USD"),
    /** List price of credits in minor units of `currency` per 1,000,000 credits (1,000,000 = $0.01 a credit). */
    creditPriceMinorPerMillion: bigint({ mode: "number" }).notNull().default(1_000_000),
    /** Alert when the available balance falls below this (micro-credits); null for no alert. */
    lowBalanceThresholdMicros: bigint({ mode: "number" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organizations_slug_key").on(t.slug),
    check("organizations_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
    check("organizations_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("organizations_credit_price_positive", sql`${t.creditPriceMinorPerMillion} > 0`),
  ],
);

/** A person's identity; membership of organisations lives in `members`. */
export const users = allotSchema.table(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const departments = allotSchema.table(
  "departments",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "departments_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("departments_org_slug_key").on(t.orgId, t.slug),
    check("departments_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9._-]{0,62}$'`),
  ],
);

export const members = allotSchema.table(
  "members",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: memberRoleEnum().notNull().default("member"),
    departmentId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "members_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("members_org_user_key").on(t.orgId, t.userId),
    index("members_user_idx").on(t.userId),
    foreignKey({
      name: "members_department_fkey",
      columns: [t.orgId, t.departmentId],
      foreignColumns: [departments.orgId, departments.id],
    }),
  ],
);

/** The departments a department head is responsible for (one or more). */
export const departmentHeads = allotSchema.table(
  "department_heads",
  {
    orgId: uuid().notNull(),
    memberId: uuid().notNull(),
    departmentId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ name: "department_heads_pkey", columns: [t.orgId, t.memberId, t.departmentId] }),
    foreignKey({
      name: "department_heads_member_fkey",
      columns: [t.orgId, t.memberId],
      foreignColumns: [members.orgId, members.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "department_heads_department_fkey",
      columns: [t.orgId, t.departmentId],
      foreignColumns: [departments.orgId, departments.id],
    }),
  ],
);

export const projects = allotSchema.table(
  "projects",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    departmentId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "projects_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("projects_org_slug_key").on(t.orgId, t.slug),
    check("projects_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9._-]{0,62}$'`),
    foreignKey({
      name: "projects_department_fkey",
      columns: [t.orgId, t.departmentId],
      foreignColumns: [departments.orgId, departments.id],
    }),
  ],
);

/** An AI agent; it always belongs to one department, which its usage is attributed to. */
export const agents = allotSchema.table(
  "agents",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    departmentId: uuid().notNull(),
    projectId: uuid(),
    description: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "agents_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("agents_org_slug_key").on(t.orgId, t.slug),
    check("agents_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9._-]{0,62}$'`),
    foreignKey({
      name: "agents_department_fkey",
      columns: [t.orgId, t.departmentId],
      foreignColumns: [departments.orgId, departments.id],
    }),
    foreignKey({
      name: "agents_project_fkey",
      columns: [t.orgId, t.projectId],
      foreignColumns: [projects.orgId, projects.id],
    }),
  ],
);

export const organizationsRelations = relations(organizations, ({ many }) => ({
  departments: many(departments),
  members: many(members),
  projects: many(projects),
  agents: many(agents),
}));

export const usersRelations = relations(users, ({ many }) => ({ memberships: many(members) }));

export const membersRelations = relations(members, ({ one, many }) => ({
  organization: one(organizations, { fields: [members.orgId], references: [organizations.id] }),
  user: one(users, { fields: [members.userId], references: [users.id] }),
  department: one(departments, {
    fields: [members.orgId, members.departmentId],
    references: [departments.orgId, departments.id],
  }),
  headOf: many(departmentHeads),
}));

export const departmentHeadsRelations = relations(departmentHeads, ({ one }) => ({
  member: one(members, {
    fields: [departmentHeads.orgId, departmentHeads.memberId],
    references: [members.orgId, members.id],
  }),
  department: one(departments, {
    fields: [departmentHeads.orgId, departmentHeads.departmentId],
    references: [departments.orgId, departments.id],
  }),
}));

export const departmentsRelations = relations(departments, ({ one, many }) => ({
  organization: one(organizations, { fields: [departments.orgId], references: [organizations.id] }),
  agents: many(agents),
  heads: many(departmentHeads),
}));

export const projectsRelations = relations(projects, ({ one }) => ({
  department: one(departments, {
    fields: [projects.orgId, projects.departmentId],
    references: [departments.orgId, departments.id],
  }),
}));

export const agentsRelations = relations(agents, ({ one }) => ({
  department: one(departments, {
    fields: [agents.orgId, agents.departmentId],
    references: [departments.orgId, departments.id],
  }),
  project: one(projects, {
    fields: [agents.orgId, agents.projectId],
    references: [projects.orgId, projects.id],
  }),
}));
