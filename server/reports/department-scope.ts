import { AppError } from "../lib/errors";
import type { Principal } from "../auth/principal";

/**
 * Which departments a principal's analytics cover: administrators, finance and organisation-wide
 * keys every department ("all"); a department head the departments they head; a department key its
 * department. Members see no department analytics.
 */
export type DepartmentScope = "all" | string[];

export function departmentScopeOf(principal: Principal): DepartmentScope {
  if (principal.kind === "apiKey") return principal.departmentId ? [principal.departmentId] : "all";
  switch (principal.role) {
    case "admin":
    case "finance":
      return "all";
    case "department_head":
      return principal.headOfDepartmentIds;
    case "member":
      return [];
  }
}

export const inScope = (scope: DepartmentScope, departmentId: string | null) =>
  scope === "all" || (departmentId !== null && scope.includes(departmentId));

/** Narrows a requested department list to the scope; asking for a department outside it is refused. */
export function departmentsWithin(scope: DepartmentScope, requested: string[] | undefined): DepartmentScope {
  if (!requested || requested.length === 0) return scope;
  const outside = requested.find((id) => !inScope(scope, id));
  if (outside) throw new AppError("FORBIDDEN", "That department is outside what you may see", { departmentId: outside });
  return requested;
}
