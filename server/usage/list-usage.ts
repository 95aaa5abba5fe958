import { and, desc, eq, gte, inArray, lt, or, sql, type Column, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import { agents, departments, priceVersions, projects, usageEvents } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";

export const usageFilterSchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  departmentId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  item: z.string().max(200).optional(),
  user: z.string().max(200).optional(),
  taskType: z.string().max(100).optional(),
  workflow: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type UsageFilter = z.input<typeof usageFilterSchema>;

/** The columns visibility is decided on; usage events and both rollups have them. */
export interface VisibilityColumns {
  orgId: SQLWrapper;
  departmentId: SQLWrapper;
  userRef: SQLWrapper;
}

/**
 * Which events a principal may see: administrators, finance and org-wide keys everything; a
 * department head their departments; a member their own usage (events attributed to their e-mail);
 * a department key its department. `on` is the table read (usage events or a rollup of them).
 */
export function usageVisibility(principal: Principal, on: VisibilityColumns = usageEvents): SQL {
  const org = sql`${on.orgId} = ${principal.orgId}`;
  if (principal.kind === "apiKey") {
    return principal.departmentId ? and(org, sql`${on.departmentId} = ${principal.departmentId}`)! : org;
  }
  switch (principal.role) {
    case "admin":
    case "finance":
      return org;
    case "department_head":
      return principal.headOfDepartmentIds.length > 0 ? and(org, inArray(on.departmentId as Column, principal.headOfDepartmentIds))! : sql`false`;
    case "member":
      return and(org, sql`lower(${on.userRef}) = lower(${principal.email})`)!;
  }
}

function encodeCursor(occurredAt: Date, id: string) {
  return Buffer.from(`${occurredAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const occurredAt = new Date(at ?? "");
  return id && !Number.isNaN(occurredAt.getTime()) ? { occurredAt, id } : undefined;
}

/** A page of events, newest first, with the names behind the attribution ids. */
export async function listUsage(db: DbOrTx, principal: Principal, input: UsageFilter) {
  const filter = usageFilterSchema.parse(input);
  const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  const conditions = [
    usageVisibility(principal),
    filter.from ? gte(usageEvents.occurredAt, new Date(filter.from)) : undefined,
    filter.to ? lt(usageEvents.occurredAt, new Date(filter.to)) : undefined,
    filter.departmentId ? eq(usageEvents.departmentId, filter.departmentId) : undefined,
    filter.projectId ? eq(usageEvents.projectId, filter.projectId) : undefined,
    filter.agentId ? eq(usageEvents.agentId, filter.agentId) : undefined,
    filter.item ? eq(usageEvents.item, filter.item) : undefined,
    filter.user ? sql`lower(${usageEvents.userRef}) = lower(${filter.user})` : undefined,
    filter.taskType ? eq(usageEvents.taskType, filter.taskType) : undefined,
    filter.workflow ? eq(usageEvents.workflow, filter.workflow) : undefined,
    after
      ? or(lt(usageEvents.occurredAt, after.occurredAt), and(eq(usageEvents.occurredAt, after.occurredAt), lt(usageEvents.id, after.id)))
      : undefined,
  ];
  const rows = await db
    .select({
      id: usageEvents.id,
      idempotencyKey: usageEvents.idempotencyKey,
      occurredAt: usageEvents.occurredAt,
      recordedAt: usageEvents.recordedAt,
      kind: usageEvents.kind,
      item: usageEvents.item,
      priceVersion: priceVersions.version,
      inputTokens: usageEvents.inputTokens,
      outputTokens: usageEvents.outputTokens,
      cachedInputTokens: usageEvents.cachedInputTokens,
      cacheWriteTokens: usageEvents.cacheWriteTokens,
      quantityMicros: usageEvents.quantityMicros,
      costMicros: usageEvents.costMicros,
      chargedMicros: usageEvents.chargedMicros,
      departmentId: usageEvents.departmentId,
      department: departments.name,
      projectId: usageEvents.projectId,
      project: projects.name,
      agentId: usageEvents.agentId,
      agent: agents.name,
      userRef: usageEvents.userRef,
      taskType: usageEvents.taskType,
      workflow: usageEvents.workflow,
      outcomeRef: usageEvents.outcomeRef,
      reservationId: usageEvents.reservationId,
    })
    .from(usageEvents)
    .leftJoin(priceVersions, and(eq(priceVersions.orgId, usageEvents.orgId), eq(priceVersions.id, usageEvents.priceVersionId)))
    .leftJoin(departments, and(eq(departments.orgId, usageEvents.orgId), eq(departments.id, usageEvents.departmentId)))
    .leftJoin(projects, and(eq(projects.orgId, usageEvents.orgId), eq(projects.id, usageEvents.projectId)))
    .leftJoin(agents, and(eq(agents.orgId, usageEvents.orgId), eq(agents.id, usageEvents.agentId)))
    .where(and(...conditions))
    .orderBy(desc(usageEvents.occurredAt), desc(usageEvents.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { events: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.occurredAt, last.id) : null };
}
