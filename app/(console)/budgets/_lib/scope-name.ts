import type { serverApi } from "@/server/api/server";
import { SCOPE_LABELS, type Budget } from "./budget-labels";

type Named = { id: string; name: string }[];

/** Names of what budgets can be set on, so a budget reads "Agent: Support chatbot", not an id. */
export interface ScopeDirectory {
  departments: Map<string, string>;
  projects: Map<string, string>;
  agents: Map<string, string>;
}

export function scopeDirectory(departments: Named, projects: Named, agents: Named): ScopeDirectory {
  const byId = (rows: Named) => new Map(rows.map((row) => [row.id, row.name]));
  return { departments: byId(departments), projects: byId(projects), agents: byId(agents) };
}

/** The directory, read with the member's own caller (every member may list these). */
export async function loadScopeDirectory(api: Awaited<ReturnType<typeof serverApi>>): Promise<ScopeDirectory> {
  const [departments, projects, agents] = await Promise.all([api.org.departments(), api.org.projects(), api.org.agents()]);
  return scopeDirectory(departments, projects, agents);
}

type ScopeTarget = Pick<Budget, "scope" | "departmentId" | "projectId" | "agentId" | "userRef">;

/** What the budget limits, by name: "Support chatbot", "alex@acme.example", "Whole organisation". */
export function scopeTargetName(budget: ScopeTarget, directory: ScopeDirectory): string {
  switch (budget.scope) {
    case "organization":
      return "Whole organisation";
    case "department":
      return directory.departments.get(budget.departmentId ?? "") ?? "Unknown department";
    case "project":
      return directory.projects.get(budget.projectId ?? "") ?? "Unknown project";
    case "agent":
      return directory.agents.get(budget.agentId ?? "") ?? "Unknown agent";
    case "user":
      return budget.userRef ?? "";
  }
}

/** "Agent: Support chatbot". */
export const scopeLabel = (budget: ScopeTarget, directory: ScopeDirectory) =>
  budget.scope === "organization" ? scopeTargetName(budget, directory) : `${SCOPE_LABELS[budget.scope]}: ${scopeTargetName(budget, directory)}`;
