import { and, asc, eq, sql } from "drizzle-orm";
import { projects } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { notFound } from "../lib/errors";
import { bumpConfigVersion } from "../org-config/config-version";

export async function listProjects(db: DbOrTx, orgId: string) {
  return db.select().from(projects).where(eq(projects.orgId, orgId)).orderBy(asc(projects.name));
}

export async function createProject(
  db: DbOrTx,
  input: { orgId: string; actor: string; slug: string; name: string; departmentId?: string | null },
) {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({ orgId: input.orgId, slug: input.slug, name: input.name, departmentId: input.departmentId ?? null })
      .returning();
    await bumpConfigVersion(tx, input.orgId);
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "project.created", targetType: "project", targetId: row!.id, after: row });
    return row!;
  });
}

export async function updateProject(
  db: DbOrTx,
  input: { orgId: string; actor: string; id: string; name?: string; departmentId?: string | null; archived?: boolean },
) {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .update(projects)
      .set({
        name: input.name,
        departmentId: input.departmentId,
        archivedAt: input.archived === undefined ? undefined : input.archived ? sql`now()` : null,
      })
      .where(and(eq(projects.orgId, input.orgId), eq(projects.id, input.id)))
      .returning();
    if (!row) throw notFound("Project", { id: input.id });
    await bumpConfigVersion(tx, input.orgId);
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "project.updated", targetType: "project", targetId: row.id, after: row });
    return row;
  });
}
