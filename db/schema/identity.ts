import { relations, sql } from "drizzle-orm";
import { check, foreignKey, index, integer, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { allotSchema } from "./allot-schema";
import { departments, memberRoleEnum, members, organizations, users } from "./orgs";

/**
 * A host identity (an OIDC or GitHub subject) bound to an Allot user. Sign-in matches the subject
 * first, then a verified e-mail (which binds the subject on that first sign-in); see docs/integration.md.
 */
export const userIdentities = allotSchema.table(
  "user_identities",
  {
    /** next-auth's provider id: "oidc", "github". */
    provider: text().notNull(),
    subject: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "user_identities_pkey", columns: [t.provider, t.subject] }),
    uniqueIndex("user_identities_user_provider_key").on(t.userId, t.provider),
  ],
);

/** An invitation to become a member with a role; accepted once, by whoever signs in with its link. */
export const memberInvites = allotSchema.table(
  "member_invites",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull().defaultRandom(),
    email: text().notNull(),
    role: memberRoleEnum().notNull(),
    departmentId: uuid(),
    headOfDepartmentIds: uuid().array().notNull().default(sql`'{}'`),
    /** sha256 of the link's token; the token itself is only in the e-mail. */
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** How many times the e-mail was queued (1 at creation, +1 per resend). */
    sendCount: integer().notNull().default(1),
    invitedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedMemberId: uuid(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "member_invites_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("member_invites_token_hash_key").on(t.tokenHash),
    uniqueIndex("member_invites_open_email_key")
      .on(t.orgId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} IS NULL AND ${t.revokedAt} IS NULL`),
    index("member_invites_org_created_idx").on(t.orgId, t.createdAt),
    check("member_invites_send_count_positive", sql`${t.sendCount} > 0`),
    foreignKey({
      name: "member_invites_department_fkey",
      columns: [t.orgId, t.departmentId],
      foreignColumns: [departments.orgId, departments.id],
    }),
    foreignKey({
      name: "member_invites_member_fkey",
      columns: [t.orgId, t.acceptedMemberId],
      foreignColumns: [members.orgId, members.id],
    }),
  ],
);

export const userIdentitiesRelations = relations(userIdentities, ({ one }) => ({
  user: one(users, { fields: [userIdentities.userId], references: [users.id] }),
}));
