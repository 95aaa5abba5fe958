import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { departments, memberInvites, members, organizations, users } from "../../db/schema";
import { withTransaction, type DbOrTx, type Transaction } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { AppError, invalidInput, notFound } from "../lib/errors";
import { sha256 } from "../lib/hash";
import { addMember, ensureUser, type MemberRole } from "../orgs/members";
import { enqueueEmails } from "../outbox/enqueue";
import { bindIdentity, userBySubject, type HostIdentity } from "./host-identity";

/** How long an invitation link works; a resend issues a new link that works this long again. */
export const INVITE_TTL_DAYS = 7;

export type InviteStatus = "pending" | "accepted" | "revoked" | "expired";

const newToken = () => `inv_${randomBytes(24).toString("base64url")}`;

const statusSql = sql<InviteStatus>`CASE
  WHEN ${memberInvites.acceptedAt} IS NOT NULL THEN 'accepted'
  WHEN ${memberInvites.revokedAt} IS NOT NULL THEN 'revoked'
  WHEN ${memberInvites.expiresAt} <= now() THEN 'expired'
  ELSE 'pending' END`;

const inviteColumns = {
  id: memberInvites.id,
  orgId: memberInvites.orgId,
  email: memberInvites.email,
  role: memberInvites.role,
  departmentId: memberInvites.departmentId,
  headOfDepartmentIds: memberInvites.headOfDepartmentIds,
  expiresAt: memberInvites.expiresAt,
  sendCount: memberInvites.sendCount,
  invitedBy: memberInvites.invitedBy,
  createdAt: memberInvites.createdAt,
  acceptedAt: memberInvites.acceptedAt,
  revokedAt: memberInvites.revokedAt,
  status: statusSql,
};

export async function listInvites(db: DbOrTx, orgId: string) {
  return db.select(inviteColumns).from(memberInvites).where(eq(memberInvites.orgId, orgId)).orderBy(desc(memberInvites.createdAt));
}

export interface InviteInput {
  orgId: string;
  actor: string;
  /** The inviter's name, shown in the e-mail. */
  inviterName: string;
  email: string;
  role: MemberRole;
  departmentId?: string | null;
  headOfDepartmentIds?: string[];
}

function checkRoleShape(role: MemberRole, headOf: string[]) {
  if (role === "department_head" && headOf.length === 0) throw invalidInput("A department head needs at least one department");
  if (role !== "department_head" && headOf.length > 0) throw invalidInput("Only a department head is responsible for departments");
}

/** Head-of departments are an array (no foreign key), so they are checked to be the organisation's own. */
async function requireOwnDepartments(tx: DbOrTx, orgId: string, departmentIds: string[]) {
  if (departmentIds.length === 0) return;
  const own = await tx.$count(departments, and(eq(departments.orgId, orgId), inArray(departments.id, departmentIds)));
  if (own !== departmentIds.length) throw invalidInput("Unknown department", { departmentIds: departmentIds.join(",") });
}

async function isActiveMember(tx: DbOrTx, orgId: string, email: string): Promise<boolean> {
  const count = await tx.$count(
    members,
    and(
      eq(members.orgId, orgId),
      isNull(members.removedAt),
      sql`${members.userId} IN (SELECT ${users.id} FROM ${users} WHERE lower(${users.email}) = ${email})`,
    ),
  );
  return count > 0;
}

/** Invites a person by e-mail: the invitation and its e-mail (through the outbox) commit together. */
export async function createInvite(db: DbOrTx, input: InviteInput): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  const headOf = [...new Set(input.headOfDepartmentIds ?? [])];
  checkRoleShape(input.role, headOf);
  return withTransaction(db, async (tx) => {
    await requireOwnDepartments(tx, input.orgId, headOf);
    if (await isActiveMember(tx, input.orgId, email)) throw new AppError("CONFLICT", `${email} is already a member`);
    // An earlier invitation that ran out is closed, so the new one can take its place.
    await tx
      .update(memberInvites)
      .set({ revokedAt: sql`now()` })
      .where(and(openInviteFor(input.orgId, email), sql`${memberInvites.expiresAt} <= now()`));
    const token = newToken();
    const [row] = await tx
      .insert(memberInvites)
      .values({
        orgId: input.orgId,
        email,
        role: input.role,
        departmentId: input.departmentId ?? null,
        headOfDepartmentIds: headOf,
        tokenHash: sha256(token),
        expiresAt: sql`now() + make_interval(days => ${INVITE_TTL_DAYS})`,
        invitedBy: input.actor,
      })
      .onConflictDoNothing()
      .returning({ id: memberInvites.id, expiresAt: memberInvites.expiresAt });
    if (!row) throw new AppError("CONFLICT", `${email} already has an open invitation; resend or revoke it`);
    await queueInviteEmail(tx, { orgId: input.orgId, inviteId: row.id, sendCount: 1, email, role: input.role, token, expiresAt: row.expiresAt, inviterName: input.inviterName });
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "invite.created", targetType: "member_invite", targetId: row.id, after: { email, role: input.role } });
    return { id: row.id };
  });
}

const openInviteFor = (orgId: string, email: string) =>
  and(eq(memberInvites.orgId, orgId), sql`lower(${memberInvites.email}) = ${email}`, isNull(memberInvites.acceptedAt), isNull(memberInvites.revokedAt));

async function queueInviteEmail(
  tx: Transaction,
  invite: { orgId: string; inviteId: string; sendCount: number; email: string; role: MemberRole; token: string; expiresAt: Date; inviterName: string },
) {
  await enqueueEmails(tx, invite.orgId, [
    {
      dedupeKey: `invite:${invite.inviteId}:${invite.sendCount}`,
      template: "member-invite",
      recipient: invite.email,
      payload: { inviteId: invite.inviteId, token: invite.token, role: invite.role, invitedBy: invite.inviterName, expiresAt: invite.expiresAt.toISOString() },
    },
  ]);
}

async function lockInvite(tx: Transaction, orgId: string, inviteId: string) {
  const [invite] = await tx
    .select(inviteColumns)
    .from(memberInvites)
    .where(and(eq(memberInvites.orgId, orgId), eq(memberInvites.id, inviteId)))
    .for("update");
  if (!invite) throw notFound("Invitation", { inviteId });
  return invite;
}

/** Sends the invitation again with a new link (the old one stops working) and a new expiry. */
export async function resendInvite(db: DbOrTx, input: { orgId: string; actor: string; inviterName: string; inviteId: string }) {
  return withTransaction(db, async (tx) => {
    const invite = await lockInvite(tx, input.orgId, input.inviteId);
    if (invite.status === "accepted" || invite.status === "revoked") {
      throw new AppError("CONFLICT", `This invitation was ${invite.status}; invite the person again instead`, { status: invite.status });
    }
    const token = newToken();
    const [row] = await tx
      .update(memberInvites)
      .set({ tokenHash: sha256(token), expiresAt: sql`now() + make_interval(days => ${INVITE_TTL_DAYS})`, sendCount: sql`${memberInvites.sendCount} + 1` })
      .where(and(eq(memberInvites.orgId, input.orgId), eq(memberInvites.id, input.inviteId)))
      .returning({ sendCount: memberInvites.sendCount, expiresAt: memberInvites.expiresAt });
    await queueInviteEmail(tx, { orgId: input.orgId, inviteId: invite.id, sendCount: row!.sendCount, email: invite.email, role: invite.role, token, expiresAt: row!.expiresAt, inviterName: input.inviterName });
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "invite.resent", targetType: "member_invite", targetId: invite.id });
  });
}

export async function revokeInvite(db: DbOrTx, input: { orgId: string; actor: string; inviteId: string }) {
  return withTransaction(db, async (tx) => {
    const invite = await lockInvite(tx, input.orgId, input.inviteId);
    if (invite.status === "accepted") throw new AppError("CONFLICT", "This invitation was already accepted; remove the member instead", { status: invite.status });
    if (invite.status === "revoked") return;
    await tx.update(memberInvites).set({ revokedAt: sql`now()` }).where(and(eq(memberInvites.orgId, input.orgId), eq(memberInvites.id, input.inviteId)));
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "invite.revoked", targetType: "member_invite", targetId: invite.id });
  });
}

/** What the accept page shows for a link: the invitation and its organisation, or nothing for an unknown link. */
export async function findInviteByToken(db: DbOrTx, token: string) {
  const [invite] = await db
    .select({ ...inviteColumns, organizationName: organizations.name })
    .from(memberInvites)
    .innerJoin(organizations, eq(organizations.id, memberInvites.orgId))
    .where(eq(memberInvites.tokenHash, sha256(token)));
  return invite;
}

/** Who accepts: an Allot user already signed in, or a host identity signing in through the link. */
export type Accepter = { userId: string } | { identity: HostIdentity };

/**
 * Accepts an invitation once: the accepter becomes a member with the invited role. A host identity
 * is bound to its user — the one its subject is bound to, else the one with its verified e-mail,
 * else the invited address's (the link went there, so its holder reads that mailbox).
 */
export async function acceptInvite(db: DbOrTx, token: string, accepter: Accepter): Promise<{ orgId: string; memberId: string; userId: string }> {
  return withTransaction(db, async (tx) => {
    const found = await findInviteByToken(tx, token);
    if (!found) throw notFound("Invitation");
    const invite = await lockInvite(tx, found.orgId, found.id);
    if (invite.status !== "pending") throw new AppError("CONFLICT", `This invitation is ${invite.status}`, { status: invite.status });
    const userId = "userId" in accepter ? accepter.userId : await userForIdentity(tx, accepter.identity, invite.email);
    const [existing] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.orgId, invite.orgId), eq(members.userId, userId), isNull(members.removedAt)));
    if (existing) throw new AppError("CONFLICT", "You are already a member of this organisation");
    const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    const member = await addMember(tx, {
      orgId: invite.orgId,
      actor: `invite:${invite.id}`,
      email: user!.email,
      name: user!.name,
      role: invite.role,
      departmentId: invite.departmentId,
      headOfDepartmentIds: invite.headOfDepartmentIds,
    });
    await tx
      .update(memberInvites)
      .set({ acceptedAt: sql`now()`, acceptedMemberId: member.id })
      .where(and(eq(memberInvites.orgId, invite.orgId), eq(memberInvites.id, invite.id)));
    await recordAudit(tx, { orgId: invite.orgId, actor: `user:${userId}`, action: "invite.accepted", targetType: "member_invite", targetId: invite.id, after: { memberId: member.id } });
    return { orgId: invite.orgId, memberId: member.id, userId };
  });
}

async function userForIdentity(tx: Transaction, identity: HostIdentity, invitedEmail: string): Promise<string> {
  const bound = await userBySubject(tx, identity.provider, identity.subject);
  if (bound) return bound;
  const email = identity.email && identity.emailVerified ? identity.email : invitedEmail;
  const user = await ensureUser(tx, email.toLowerCase(), identity.name ?? email);
  await bindIdentity(tx, user.id, identity.provider, identity.subject);
  return user.id;
}
