import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { alerts, budgetPeriods, organizations, usageEvents } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { MemberPrincipal } from "../auth/principal";
import { dbNow } from "../lib/db-clock";
import { notFound } from "../lib/errors";
import { findVisibleBudget } from "./budget-access";
import { forecastBudget } from "./budget-forecast";
import type { Budget } from "./budget-book";
import { currentStatuses, type BudgetStatus } from "./current-periods";
import { listVisibleBudgets } from "./manage-budgets";

async function orgClock(db: DbOrTx, orgId: string) {
  const [org] = await db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound("Organisation");
  return { timeZone: org.timeZone, now: await dbNow(db) };
}

/** Every budget the member may see, with its current period. */
export async function listBudgetsWithStatus(db: DbOrTx, principal: MemberPrincipal, includeArchived = false) {
  const list = await listVisibleBudgets(db, principal, includeArchived);
  const { timeZone, now } = await orgClock(db, principal.orgId);
  const statuses = await currentStatuses(db, principal.orgId, timeZone, now, list);
  return list.map((budget, i) => ({ budget, status: statuses[i]! }));
}

/** The usage events a budget counts (its scope), as a condition. */
function scopeCondition(budget: Budget): SQL | undefined {
  switch (budget.scope) {
    case "organization":
      return undefined;
    case "department":
      return eq(usageEvents.departmentId, budget.departmentId!);
    case "project":
      return eq(usageEvents.projectId, budget.projectId!);
    case "agent":
      return eq(usageEvents.agentId, budget.agentId!);
    case "user":
      return sql`lower(${usageEvents.userRef}) = lower(${budget.userRef})`;
  }
}

/**
 * One budget for its page: the current period, spend per day in it (for the burn chart), the
 * totals of earlier periods, and its alerts.
 */
export async function getBudgetDetail(db: DbOrTx, principal: MemberPrincipal, budgetId: string) {
  const budget = await findVisibleBudget(db, principal, budgetId);
  const { timeZone, now } = await orgClock(db, principal.orgId);
  const [status] = (await currentStatuses(db, principal.orgId, timeZone, now, [budget])) as [BudgetStatus];
  const [daily, history, budgetAlerts, forecast] = await Promise.all([
    status.periodStart && status.periodEnd
      ? db.execute<{ day: string; charged: string }>(sql`
          SELECT to_char((${usageEvents.occurredAt} AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day,
                 sum(${usageEvents.chargedMicros})::text AS charged
          FROM ${usageEvents}
          WHERE ${and(
            eq(usageEvents.orgId, principal.orgId),
            gte(usageEvents.occurredAt, status.periodStart),
            lt(usageEvents.occurredAt, status.periodEnd),
            // A budget counts spend recorded while it exists, so the chart must too (else it disagrees with spentMicros).
            gte(usageEvents.recordedAt, budget.createdAt),
            scopeCondition(budget),
          )}
          GROUP BY 1 ORDER BY 1`)
      : [],
    db
      .select()
      .from(budgetPeriods)
      .where(and(eq(budgetPeriods.orgId, principal.orgId), eq(budgetPeriods.budgetId, budgetId)))
      .orderBy(desc(budgetPeriods.periodStart))
      .limit(24),
    db
      .select()
      .from(alerts)
      .where(and(eq(alerts.orgId, principal.orgId), eq(alerts.budgetId, budgetId)))
      .orderBy(desc(alerts.createdAt))
      .limit(100),
    forecastBudget(db, principal, budget, status),
  ]);
  return {
    budget,
    status,
    timeZone,
    now,
    dailySpend: daily.map((row) => ({ day: row.day, chargedMicros: Number(row.charged) })),
    history: history.map((row) => ({ periodStart: row.periodStart, periodEnd: row.periodEnd, spentMicros: row.spentMicros, heldMicros: row.heldMicros, resumedAt: row.resumedAt })),
    alerts: budgetAlerts,
    /** The trend forecast of the scope to the period's end (null when the window is not running). */
    forecast,
  };
}
