import { and, eq, isNull, sql } from "drizzle-orm";
import { departmentHeads, members, users, type ApiKeyScope } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { listMemberships, type MemberRole } from "../orgs/members";

/** A person acting in one organisation through the pages. */
export interface MemberPrincipal {
  kind: "member";
  orgId: string;
  memberId: string;
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  departmentId: string | null;
  /** For department heads: the departments they are responsible for. */
  headOfDepartmentIds: string[];
}

/** A sibling app calling the API with a key. */
export interface ApiKeyPrincipal {
  kind: "apiKey";
  orgId: string;
  apiKeyId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** When set, the key only sees and records this department's usage. */
  departmentId: string | null;
  /** Calls a second it may make (its own limit or the server's default). */
  rateLimitPerSecond: number;
}

export type Principal = MemberPrincipal | ApiKeyPrincipal;

/** How a principal is named in the audit trail. */
export function actorOf(principal: Principal): string {
  return principal.kind === "member" ? `member:${principal.memberId}` : `api_key:${principal.apiKeyId}`;
}

export const actorMemberIdOf = (principal: Principal) => (principal.kind === "member" ? principal.memberId : null);

export async function loadMemberPrincipal(db: DbOrTx, userId: string, orgId: string): Promise<MemberPrincipal | undefined> {
  const [row] = await db
    .select({
      memberId: members.id,
      role: members.role,
      departmentId: members.departmentId,
      email: users.email,
      name: users.name,
      headOf: sql<string[]>`coalesce((SELECT array_agg(h.department_id::text) FROM ${departmentHeads} h
        WHERE h.org_id = ${members.orgId} AND h.member_id = ${members.id}), '{}')`,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.orgId, orgId), eq(members.userId, userId), isNull(members.removedAt)));
  if (!row) return undefined;
  return {
    kind: "member",
    orgId,
    memberId: row.memberId,
    userId,
    email: row.email,
    name: row.name,
    role: row.role,
    departmentId: row.departmentId,
    headOfDepartmentIds: row.role === "department_head" ? row.headOf : [],
  };
}

/**
 * The member principal for a signed-in user: in the requested organisation when they belong to it,
 * else in their first organisation. Undefined when they belong to none.
 */
export async function resolveMemberPrincipal(
  db: DbOrTx,
  userId: string,
  requestedOrgId: string | undefined,
): Promise<MemberPrincipal | undefined> {
  const memberships = await listMemberships(db, userId);
  const chosen = memberships.find((m) => m.orgId === requestedOrgId) ?? memberships[0];
  return chosen ? loadMemberPrincipal(db, userId, chosen.orgId) : undefined;
}
