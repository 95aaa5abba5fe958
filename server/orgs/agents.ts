import { and, asc, eq, sql } from "drizzle-orm";
import { agents } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { notFound } from "../lib/errors";
import { bumpConfigVersion } from "../org-config/config-version";

export async function listAgents(db: DbOrTx, orgId: string) {
  return db.select().from(agents).where(eq(agents.orgId, orgId)).orderBy(asc(agents.name));
}

export async function createAgent(
  db: DbOrTx,
  input: { orgId: string; actor: string; slug: string; name: string; departmentId: string; projectId?: string | null; description?: string },
) {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(agents)
      .values({
        orgId: input.orgId,
        slug: input.slug,
        name: input.name,
        departmentId: input.departmentId,
        projectId: input.projectId ?? null,
        description: input.description ?? null,
      })
      .returning();
    await bumpConfigVersion(tx, input.orgId);
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "agent.created", targetType: "agent", targetId: row!.id, after: row });
    return row!;
  });
}

export async function updateAgent(
  db: DbOrTx,
  input: {
    orgId: string;
    actor: string;
    id: string;
    name?: string;
    departmentId?: string;
    projectId?: string | null;
    description?: string | null;
    archived?: boolean;
  },
) {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .update(agents)
      .set({
        name: input.name,
        departmentId: input.departmentId,
        projectId: input.projectId,
        description: input.description,
        archivedAt: input.archived === undefined ? undefined : input.archived ? sql`now()` : null,
      })
      .where(and(eq(agents.orgId, input.orgId), eq(agents.id, input.id)))
      .returning();
    if (!row) throw notFound("Agent", { id: input.id });
    await bumpConfigVersion(tx, input.orgId);
    await recordAudit(tx, { orgId: input.orgId, actor: input.actor, action: "agent.updated", targetType: "agent", targetId: row.id, after: row });
    return row;
  });
}
