import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { alerts, budgets } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { actorOf, type MemberPrincipal } from "../auth/principal";
import { budgetVisibility } from "../budgets/budget-access";
import { notFound } from "../lib/errors";

/**
 * Alerts a member may see: administrators and finance all of them; department heads those of the
 * budgets they may see (low-balance alerts are organisation-wide, so not theirs); members none.
 */
function alertVisibility(principal: MemberPrincipal) {
  const lowBalance = principal.role === "admin" || principal.role === "finance" ? eq(alerts.kind, "low_balance") : sql`false`;
  return and(eq(alerts.orgId, principal.orgId), or(lowBalance, and(eq(alerts.kind, "budget_threshold"), budgetVisibility(principal))));
}

export async function listAlerts(db: DbOrTx, principal: MemberPrincipal, options: { openOnly?: boolean; limit?: number } = {}) {
  return db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      budgetId: alerts.budgetId,
      budgetName: budgets.name,
      budgetMode: budgets.mode,
      periodStart: alerts.periodStart,
      thresholdPercent: alerts.thresholdPercent,
      spentMicros: alerts.spentMicros,
      limitMicros: alerts.limitMicros,
      availableMicros: alerts.availableMicros,
      createdAt: alerts.createdAt,
      acknowledgedAt: alerts.acknowledgedAt,
    })
    .from(alerts)
    .leftJoin(budgets, and(eq(budgets.orgId, alerts.orgId), eq(budgets.id, alerts.budgetId)))
    .where(and(alertVisibility(principal), options.openOnly ? isNull(alerts.acknowledgedAt) : undefined))
    // Alerts raised by one spend share its timestamp; their ids (UUIDv7) keep the raising order.
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(options.limit ?? 200);
}

export async function countOpenAlerts(db: DbOrTx, principal: MemberPrincipal): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(alerts)
    .leftJoin(budgets, and(eq(budgets.orgId, alerts.orgId), eq(budgets.id, alerts.budgetId)))
    .where(and(alertVisibility(principal), isNull(alerts.acknowledgedAt)));
  return row?.count ?? 0;
}

/** Marks an alert as seen; acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeAlert(db: DbOrTx, principal: MemberPrincipal, alertId: string): Promise<void> {
  const [visible] = await db
    .select({ id: alerts.id })
    .from(alerts)
    .leftJoin(budgets, and(eq(budgets.orgId, alerts.orgId), eq(budgets.id, alerts.budgetId)))
    .where(and(alertVisibility(principal), eq(alerts.id, alertId)));
  if (!visible) throw notFound("Alert", { alertId });
  await db
    .update(alerts)
    .set({ acknowledgedAt: sql`coalesce(${alerts.acknowledgedAt}, now())`, acknowledgedByMemberId: sql`coalesce(${alerts.acknowledgedByMemberId}, ${principal.memberId}::uuid)` })
    .where(and(eq(alerts.orgId, principal.orgId), eq(alerts.id, alertId)));
  await recordAudit(db, { orgId: principal.orgId, actor: actorOf(principal), action: "alert.acknowledged", targetType: "alert", targetId: alertId });
}
