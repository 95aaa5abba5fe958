import { and, asc, eq, sql } from "drizzle-orm";
import { departments } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { notFound } from "../lib/errors";
import { bumpConfigVersion } from "../org-config/config-version";

export async function listDepartments(db: DbOrTx, orgId: string) {
  return db.select().from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.name));
}

export async function createDepartment(db: DbOrTx, input: { orgId: string; actor: string; slug: string; name: string }) {
  return withTransaction(db, async (tx) => {
    const [row] = await tx.insert(departments).values({ orgId: input.orgId, slug: input.slug, name: input.name }).returning();
    await bumpConfigVersion(tx, input.orgId);
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "department.created", targetType: "department", targetId: row!.id, after: row });
    return row!;
  });
}

export async function updateDepartment(
  db: DbOrTx,
  input: { orgId: string; actor: string; id: string; name?: string; archived?: boolean },
) {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .update(departments)
      .set({
        name: input.name,
        archivedAt: input.archived === undefined ? undefined : input.archived ? sql`now()` : null,
      })
      .where(and(eq(departments.orgId, input.orgId), eq(departments.id, input.id)))
      .returning();
    if (!row) throw notFound("Department", { id: input.id });
    await bumpConfigVersion(tx, input.orgId);
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "department.updated", targetType: "department", targetId: row.id, after: row });
    return row;
  });
}
