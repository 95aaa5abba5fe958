import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { members, users } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { invalidInput } from "../lib/errors";
import { listDepartments } from "../orgs/departments";
import { addMember, MEMBER_ROLES, updateMember } from "../orgs/members";
import { bindIdentity } from "./host-identity";

/** One person to provision: by e-mail, with a role, optionally a home department, headed departments (slugs) and a provider subject. */
export const provisionRowSchema = z.object({
  email: z.email(),
  name: z.string().trim().max(100).optional(),
  role: z.enum(MEMBER_ROLES),
  department: z.string().optional(),
  headOf: z.array(z.string()).optional(),
  /** `<provider>:<subject>`, e.g. `oidc:00u1ab…` or `github:1234567`: binds the host identity up front. */
  subject: z
    .string()
    .regex(/^[a-z0-9-]+:.+$/, "<provider>:<subject>, e.g. oidc:00u1abc")
    .optional(),
});

export type ProvisionRow = z.infer<typeof provisionRowSchema>;

export interface ProvisionOutcome {
  email: string;
  result: "added" | "updated";
  memberId: string;
}

/** Rows from a provisioning file's records (CSV columns email,name,role,department,head_of,subject; head_of separated by ";"). */
export function provisionRowsFrom(records: Record<string, unknown>[]): ProvisionRow[] {
  return records.map((record, index) => {
    const headOf = record.headOf ?? record.head_of;
    const parsed = provisionRowSchema.safeParse({
      ...record,
      name: record.name || undefined,
      department: record.department || undefined,
      subject: record.subject || undefined,
      headOf: typeof headOf === "string" ? headOf.split(";").map((slug) => slug.trim()).filter(Boolean) : headOf,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalidInput(`Row ${index + 1}: ${issue.path.join(".") || "row"}: ${issue.message}`);
    }
    return parsed.data;
  });
}

/**
 * Adds or updates members in one transaction: all rows or none. An existing member gets the row's
 * role and departments; a subject is bound to the person's user (refused when bound to someone else).
 */
export async function provisionMembers(db: DbOrTx, orgId: string, actor: string, rows: ProvisionRow[]): Promise<ProvisionOutcome[]> {
  return withTransaction(db, async (tx) => {
    const departments = new Map((await listDepartments(tx, orgId)).map((department) => [department.slug, department.id]));
    const departmentId = (slug: string, row: number) => {
      const id = departments.get(slug);
      if (!id) throw invalidInput(`Row ${row}: no department "${slug}"`);
      return id;
    };
    const outcomes: ProvisionOutcome[] = [];
    for (const [index, row] of rows.entries()) {
      const email = row.email.trim().toLowerCase();
      const placement = {
        role: row.role,
        departmentId: row.department ? departmentId(row.department, index + 1) : null,
        headOfDepartmentIds: (row.headOf ?? []).map((slug) => departmentId(slug, index + 1)),
      };
      const [existing] = await tx
        .select({ id: members.id, userId: members.userId })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(and(eq(members.orgId, orgId), sql`lower(${users.email}) = ${email}`, isNull(members.removedAt)));
      let memberId: string;
      let userId: string;
      if (existing) {
        await updateMember(tx, { orgId, actor, memberId: existing.id, ...placement });
        ({ id: memberId, userId } = existing);
      } else {
        ({ id: memberId, userId } = await addMember(tx, { orgId, actor, email, name: row.name ?? email, ...placement }));
      }
      if (row.subject) {
        const separator = row.subject.indexOf(":");
        await bindIdentity(tx, userId, row.subject.slice(0, separator), row.subject.slice(separator + 1));
      }
      outcomes.push({ email, result: existing ? "updated" : "added", memberId });
    }
    return outcomes;
  });
}
