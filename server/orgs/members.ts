import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { departmentHeads, members, organizations, users } from "../../db/schema";
import { withTransaction, type DbOrTx, type Transaction } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { AppError, invalidInput, notFound } from "../lib/errors";

export type MemberRole = (typeof members.$inferSelect)["role"];
export const MEMBER_ROLES = ["admin", "finance", "department_head", "member"] as const satisfies readonly MemberRole[];

export async function listMembers(db: DbOrTx, orgId: string) {
  const rows = await db
    .select({
      id: members.id,
      userId: members.userId,
      email: users.email,
      name: users.name,
      role: members.role,
      departmentId: members.departmentId,
      createdAt: members.createdAt,
      removedAt: members.removedAt,
      headOf: sql<string[]>`coalesce((SELECT array_agg(h.department_id::text ORDER BY h.department_id) FROM ${departmentHeads} h
        WHERE h.org_id = ${members.orgId} AND h.member_id = ${members.id}), '{}')`,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.orgId, orgId))
    .orderBy(asc(users.name));
  return rows;
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return user;
}

/** Active memberships of a user, with the organisation's name, for the organisation switcher. */
export async function listMemberships(db: DbOrTx, userId: string) {
  return db
    .select({ orgId: organizations.id, slug: organizations.slug, name: organizations.name, memberId: members.id, role: members.role })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.orgId))
    .where(and(eq(members.userId, userId), isNull(members.removedAt)))
    .orderBy(asc(organizations.name));
}

/** The user with this e-mail (case-insensitive), created if new. */
export async function ensureUser(db: DbOrTx, email: string, name: string): Promise<{ id: string }> {
  const [created] = await db.insert(users).values({ email, name }).onConflictDoNothing().returning({ id: users.id });
  if (created) return created;
  const existing = await findUserByEmail(db, email);
  if (!existing) throw new AppError("CONFLICT", "The user could not be created; try again");
  return existing;
}

export interface MemberInput {
  orgId: string;
  actor: string;
  email: string;
  name: string;
  role: MemberRole;
  departmentId?: string | null;
  headOfDepartmentIds?: string[];
}

/** Adds a person (creating their user by e-mail if new) or brings back a removed member. */
export async function addMember(db: DbOrTx, input: MemberInput): Promise<{ id: string; userId: string }> {
  return withTransaction(db, async (tx) => {
    const email = input.email.trim().toLowerCase();
    const user = await ensureUser(tx, email, input.name);
    const [existing] = await tx
      .select({ id: members.id, removedAt: members.removedAt })
      .from(members)
      .where(and(eq(members.orgId, input.orgId), eq(members.userId, user!.id)));
    if (existing && !existing.removedAt) throw new AppError("CONFLICT", `${email} is already a member`);
    const values = { role: input.role, departmentId: input.departmentId ?? null, removedAt: null };
    const [member] = existing
      ? await tx.update(members).set(values).where(and(eq(members.orgId, input.orgId), eq(members.id, existing.id))).returning({ id: members.id })
      : await tx.insert(members).values({ orgId: input.orgId, userId: user!.id, ...values }).returning({ id: members.id });
    await replaceHeadOf(tx, input.orgId, member!.id, input.role, input.headOfDepartmentIds ?? []);
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: "member.added",
      targetType: "member",
      targetId: member!.id,
      after: { email, role: input.role, departmentId: input.departmentId, headOf: input.headOfDepartmentIds },
    });
    return { id: member!.id, userId: user!.id };
  });
}

export async function updateMember(
  db: DbOrTx,
  input: { orgId: string; actor: string; memberId: string; role?: MemberRole; departmentId?: string | null; headOfDepartmentIds?: string[] },
) {
  return withTransaction(db, async (tx) => {
    const before = await lockMember(tx, input.orgId, input.memberId);
    const role = input.role ?? before.role;
    if (before.role === "admin" && role !== "admin") await requireAnotherAdmin(tx, input.orgId, input.memberId);
    await tx
      .update(members)
      .set({ role, departmentId: input.departmentId })
      .where(and(eq(members.orgId, input.orgId), eq(members.id, input.memberId)));
    if (input.headOfDepartmentIds !== undefined || role !== "department_head") {
      await replaceHeadOf(tx, input.orgId, input.memberId, role, input.headOfDepartmentIds ?? []);
    }
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: "member.updated",
      targetType: "member",
      targetId: input.memberId,
      before: { role: before.role, departmentId: before.departmentId },
      after: { role, departmentId: input.departmentId, headOf: input.headOfDepartmentIds },
    });
  });
}

export async function removeMember(db: DbOrTx, input: { orgId: string; actor: string; memberId: string }) {
  await withTransaction(db, async (tx) => {
    const before = await lockMember(tx, input.orgId, input.memberId);
    if (before.role === "admin") await requireAnotherAdmin(tx, input.orgId, input.memberId);
    await tx.update(members).set({ removedAt: sql`now()` }).where(and(eq(members.orgId, input.orgId), eq(members.id, input.memberId)));
    await tx.delete(departmentHeads).where(and(eq(departmentHeads.orgId, input.orgId), eq(departmentHeads.memberId, input.memberId)));
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "member.removed", targetType: "member", targetId: input.memberId, before });
  });
}

async function lockMember(tx: Transaction, orgId: string, memberId: string) {
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId), isNull(members.removedAt)))
    .for("update");
  if (!member) throw notFound("Member", { memberId });
  return member;
}

/**
 * An organisation always keeps at least one administrator. The organisation row is locked first so
 * two administrators demoting each other at once are counted one after the other.
 */
async function requireAnotherAdmin(tx: Transaction, orgId: string, memberId: string) {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for("no key update");
  const others = await tx.$count(
    members,
    and(eq(members.orgId, orgId), eq(members.role, "admin"), isNull(members.removedAt), ne(members.id, memberId)),
  );
  if (others === 0) throw new AppError("CONFLICT", "The organisation's last administrator cannot be removed or demoted");
}

async function replaceHeadOf(tx: Transaction, orgId: string, memberId: string, role: MemberRole, departmentIds: string[]) {
  if (role !== "department_head" && departmentIds.length > 0) {
    throw invalidInput("Only a department head is responsible for departments");
  }
  if (role === "department_head" && departmentIds.length === 0) {
    throw invalidInput("A department head needs at least one department");
  }
  await tx.delete(departmentHeads).where(and(eq(departmentHeads.orgId, orgId), eq(departmentHeads.memberId, memberId)));
  if (departmentIds.length > 0) {
    await tx.insert(departmentHeads).values([...new Set(departmentIds)].map((departmentId) => ({ orgId, memberId, departmentId })));
  }
}

/** Everyone with an active membership, for the development sign-in page's one-click list. */
export async function listPeopleWithMemberships(db: DbOrTx, limit = 50) {
  // One entry a person (sign-in is by person; the organisation is chosen after): their role in
  // their first organisation by name — the one they start in — and every organisation they are in.
  const firstOrganization = sql<string>`(array_agg(${organizations.name} ORDER BY ${organizations.name}))[1]`;
  return db
    .select({
      email: users.email,
      name: users.name,
      role: sql<MemberRole>`(array_agg(${members.role} ORDER BY ${organizations.name}))[1]`,
      organizations: sql<string>`string_agg(${organizations.name}, ', ' ORDER BY ${organizations.name})`,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(organizations, eq(organizations.id, members.orgId))
    .where(isNull(members.removedAt))
    .groupBy(users.id, users.email, users.name)
    .orderBy(firstOrganization, sql`3`, users.name)
    .limit(limit);
}
