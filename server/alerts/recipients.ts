import { and, eq, inArray, isNull } from "drizzle-orm";
import { departmentHeads, members, users } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";

/**
 * The addresses an alert goes to: members with the listed roles ("department_head" meaning the
 * heads of `departmentId` only), plus extra addresses; each once, case-insensitively.
 */
export async function alertRecipients(
  db: DbOrTx,
  orgId: string,
  input: { roles: string[]; emails: string[]; departmentId: string | null },
): Promise<string[]> {
  const orgRoles = input.roles.filter((role) => role === "admin" || role === "finance") as ("admin" | "finance")[];
  const [byRole, heads] = await Promise.all([
    orgRoles.length === 0
      ? []
      : db
          .select({ email: users.email })
          .from(members)
          .innerJoin(users, eq(users.id, members.userId))
          .where(and(eq(members.orgId, orgId), inArray(members.role, orgRoles), isNull(members.removedAt))),
    input.roles.includes("department_head") && input.departmentId
      ? db
          .select({ email: users.email })
          .from(departmentHeads)
          .innerJoin(members, and(eq(members.orgId, departmentHeads.orgId), eq(members.id, departmentHeads.memberId)))
          .innerJoin(users, eq(users.id, members.userId))
          .where(and(eq(departmentHeads.orgId, orgId), eq(departmentHeads.departmentId, input.departmentId), isNull(members.removedAt)))
      : [],
  ]);
  const all = [...byRole, ...heads].map((row) => row.email).concat(input.emails);
  return [...new Map(all.map((email) => [email.toLowerCase(), email])).values()];
}
