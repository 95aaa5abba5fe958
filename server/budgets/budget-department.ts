import { and, eq, sql } from "drizzle-orm";
import { agents, budgets, projects } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";

/**
 * The department a budget belongs to: its own for department budgets, the agent's or project's
 * for those scopes, none for organisation and user budgets. Department heads manage the budgets of
 * their departments, and are the "department_head" recipients of their alerts.
 */
export const budgetDepartmentId = sql<string | null>`coalesce(
  ${budgets.departmentId},
  (SELECT ${agents.departmentId} FROM ${agents} WHERE ${agents.orgId} = ${budgets.orgId} AND ${agents.id} = ${budgets.agentId}),
  (SELECT ${projects.departmentId} FROM ${projects} WHERE ${projects.orgId} = ${budgets.orgId} AND ${projects.id} = ${budgets.projectId}))`;

export async function departmentOfBudget(db: DbOrTx, orgId: string, budgetId: string): Promise<string | null> {
  const [row] = await db
    .select({ departmentId: budgetDepartmentId })
    .from(budgets)
    .where(and(eq(budgets.orgId, orgId), eq(budgets.id, budgetId)));
  return row?.departmentId ?? null;
}
