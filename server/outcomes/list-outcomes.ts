import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { agents, departments, outcomeMetrics, outcomeRecords } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { formatScaled } from "../lib/decimal";
import { departmentScopeOf } from "../reports/department-scope";

export const outcomeFilterSchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  departmentId: z.uuid().optional(),
  limit: z.number().int().min(1).max(5_000).default(200),
});

export function outcomeVisibility(principal: Principal): SQL {
  const scope = departmentScopeOf(principal);
  const org = eq(outcomeRecords.orgId, principal.orgId);
  if (scope === "all") return org;
  return scope.length > 0 ? and(org, inArray(outcomeRecords.departmentId, scope))! : sql`false`;
}

/** Recorded outcomes the principal may see, newest first, with their exact value in minor units. */
export async function listOutcomes(db: DbOrTx, principal: Principal, input: z.input<typeof outcomeFilterSchema>) {
  const filter = outcomeFilterSchema.parse(input);
  const rows = await db
    .select({
      id: outcomeRecords.id,
      idempotencyKey: outcomeRecords.idempotencyKey,
      occurredAt: outcomeRecords.occurredAt,
      metric: outcomeMetrics.name,
      metricSlug: outcomeMetrics.slug,
      unit: outcomeMetrics.unit,
      departmentId: outcomeRecords.departmentId,
      department: departments.name,
      agentId: outcomeRecords.agentId,
      agent: agents.name,
      quantityMicros: outcomeRecords.quantityMicros,
      valuePerUnitMinor: outcomeRecords.valuePerUnitMinor,
      source: outcomeRecords.source,
      note: outcomeRecords.note,
    })
    .from(outcomeRecords)
    .innerJoin(outcomeMetrics, and(eq(outcomeMetrics.orgId, outcomeRecords.orgId), eq(outcomeMetrics.id, outcomeRecords.metricId)))
    .innerJoin(departments, and(eq(departments.orgId, outcomeRecords.orgId), eq(departments.id, outcomeRecords.departmentId)))
    .leftJoin(agents, and(eq(agents.orgId, outcomeRecords.orgId), eq(agents.id, outcomeRecords.agentId)))
    .where(
      and(
        outcomeVisibility(principal),
        filter.from ? gte(outcomeRecords.occurredAt, new Date(filter.from)) : undefined,
        filter.to ? lt(outcomeRecords.occurredAt, new Date(filter.to)) : undefined,
        filter.departmentId ? eq(outcomeRecords.departmentId, filter.departmentId) : undefined,
      ),
    )
    .orderBy(desc(outcomeRecords.occurredAt), desc(outcomeRecords.id))
    .limit(filter.limit);
  return rows.map((row) => ({ ...row, valueMinor: formatScaled(BigInt(row.quantityMicros) * BigInt(row.valuePerUnitMinor), 6) }));
}
