import { and, eq, sql, type SQL } from "drizzle-orm";
import { agents, budgets, projects } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { MemberPrincipal } from "../auth/principal";
import { AppError, notFound } from "../lib/errors";
import { budgetDepartmentId } from "./budget-department";

/**
 * Who may see and manage which budgets:
 * - administrators and finance: every budget;
 * - a department head: the budgets of their departments — department budgets, and budgets of the
 *   agents and projects in those departments; they may create and change exactly these;
 * - members: none (they see their own usage, not budgets).
 * Organisation-wide and per-user budgets are for administrators and finance only.
 */
export function budgetVisibility(principal: MemberPrincipal): SQL {
  const org = eq(budgets.orgId, principal.orgId);
  switch (principal.role) {
    case "admin":
    case "finance":
      return org;
    case "department_head":
      return principal.headOfDepartmentIds.length > 0
        ? and(org, sql`${budgetDepartmentId} IN ${principal.headOfDepartmentIds}`)!
        : sql`false`;
    case "member":
      return sql`false`;
  }
}

export interface BudgetTarget {
  scope: (typeof budgets.$inferSelect)["scope"];
  departmentId?: string | null;
  projectId?: string | null;
  agentId?: string | null;
}

/** Refuses (FORBIDDEN) unless the member may create or change a budget on this target. */
export async function assertCanManage(db: DbOrTx, principal: MemberPrincipal, target: BudgetTarget): Promise<void> {
  if (principal.role === "admin" || principal.role === "finance") return;
  if (principal.role !== "department_head") throw new AppError("FORBIDDEN", "Only administrators, finance and department heads manage budgets");
  const department = await targetDepartment(db, principal.orgId, target);
  if (!department || !principal.headOfDepartmentIds.includes(department)) {
    throw new AppError("FORBIDDEN", "Department heads manage budgets of their own departments, and of the agents and projects in them");
  }
}

async function targetDepartment(db: DbOrTx, orgId: string, target: BudgetTarget): Promise<string | null> {
  switch (target.scope) {
    case "department":
      return target.departmentId ?? null;
    case "agent": {
      const [agent] = await db.select({ departmentId: agents.departmentId }).from(agents).where(and(eq(agents.orgId, orgId), eq(agents.id, target.agentId ?? "")));
      if (!agent) throw notFound("Agent");
      return agent.departmentId;
    }
    case "project": {
      const [project] = await db
        .select({ departmentId: projects.departmentId })
        .from(projects)
        .where(and(eq(projects.orgId, orgId), eq(projects.id, target.projectId ?? "")));
      if (!project) throw notFound("Project");
      return project.departmentId;
    }
    default:
      return null;
  }
}

/** A budget the member may see, or NOT_FOUND (another department's budget is as invisible as another organisation's). */
export async function findVisibleBudget(db: DbOrTx, principal: MemberPrincipal, budgetId: string) {
  const [budget] = await db.select().from(budgets).where(and(budgetVisibility(principal), eq(budgets.id, budgetId)));
  if (!budget) throw notFound("Budget", { budgetId });
  return budget;
}
