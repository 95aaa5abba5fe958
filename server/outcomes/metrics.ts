import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { departments, outcomeMetrics } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { actorOf, type MemberPrincipal, type Principal } from "../auth/principal";
import { recordAudit } from "../audit/record-audit";
import { AppError, notFound } from "../lib/errors";
import { departmentScopeOf, inScope } from "../reports/department-scope";
import type { createMetricSchema, updateMetricSchema } from "./outcome-input";

/** The metrics of the departments the principal's analytics cover. */
export function metricVisibility(principal: Principal): SQL {
  const scope = departmentScopeOf(principal);
  const org = eq(outcomeMetrics.orgId, principal.orgId);
  if (scope === "all") return org;
  return scope.length > 0 ? and(org, inArray(outcomeMetrics.departmentId, scope))! : sql`false`;
}

export async function listMetrics(db: DbOrTx, principal: Principal, options: { includeArchived?: boolean } = {}) {
  return db
    .select({
      id: outcomeMetrics.id,
      slug: outcomeMetrics.slug,
      name: outcomeMetrics.name,
      unit: outcomeMetrics.unit,
      valuePerUnitMinor: outcomeMetrics.valuePerUnitMinor,
      departmentId: outcomeMetrics.departmentId,
      department: departments.name,
      archivedAt: outcomeMetrics.archivedAt,
    })
    .from(outcomeMetrics)
    .innerJoin(departments, and(eq(departments.orgId, outcomeMetrics.orgId), eq(departments.id, outcomeMetrics.departmentId)))
    .where(and(metricVisibility(principal), options.includeArchived ? undefined : sql`${outcomeMetrics.archivedAt} IS NULL`))
    .orderBy(asc(departments.name), asc(outcomeMetrics.name));
}

/** Administrators define metrics for any department; department heads for the departments they head. */
function assertCanManageDepartment(principal: MemberPrincipal, departmentId: string): void {
  if (principal.role === "admin") return;
  if (principal.role === "department_head" && inScope(departmentScopeOf(principal), departmentId)) return;
  throw new AppError("FORBIDDEN", "Administrators, and department heads for their own departments, manage outcome metrics");
}

export async function createMetric(db: DbOrTx, principal: MemberPrincipal, input: z.infer<typeof createMetricSchema>) {
  assertCanManageDepartment(principal, input.departmentId);
  return withTransaction(db, async (tx) => {
    const [department] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.orgId, principal.orgId), eq(departments.id, input.departmentId)));
    if (!department) throw notFound("Department", { departmentId: input.departmentId });
    const [row] = await tx
      .insert(outcomeMetrics)
      .values({ orgId: principal.orgId, ...input })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("CONFLICT", `An outcome metric "${input.slug}" already exists`, { slug: input.slug });
    await recordAudit(tx, { orgId: principal.orgId, actor: actorOf(principal), action: "outcome_metric.created", targetType: "outcome_metric", targetId: row.id, after: row });
    return row;
  });
}

/** Changes a metric's name, unit or value per unit (outcomes already recorded keep their value), or archives it. */
export async function updateMetric(db: DbOrTx, principal: MemberPrincipal, input: z.infer<typeof updateMetricSchema>) {
  return withTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(outcomeMetrics)
      .where(and(eq(outcomeMetrics.orgId, principal.orgId), eq(outcomeMetrics.id, input.metricId)))
      .for("update");
    if (!before) throw notFound("Outcome metric", { metricId: input.metricId });
    assertCanManageDepartment(principal, before.departmentId);
    const [row] = await tx
      .update(outcomeMetrics)
      .set({
        name: input.name,
        unit: input.unit,
        valuePerUnitMinor: input.valuePerUnitMinor,
        archivedAt: input.archived === undefined ? undefined : input.archived ? sql`now()` : null,
      })
      .where(and(eq(outcomeMetrics.orgId, principal.orgId), eq(outcomeMetrics.id, input.metricId)))
      .returning();
    await recordAudit(tx, { orgId: principal.orgId, actor: actorOf(principal), action: "outcome_metric.updated", targetType: "outcome_metric", targetId: row!.id, before, after: row });
    return row!;
  });
}
