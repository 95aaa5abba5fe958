import type { MemberPrincipal } from "@/server/auth/principal";
import type { serverApi } from "@/server/api/server";
import type { FilterOption } from "./usage-filters";

interface Named {
  id: string;
  name: string;
  archivedAt: Date | null;
}

const optionsOf = (rows: Named[]): FilterOption[] =>
  rows.map((row) => ({ value: row.id, label: row.archivedAt ? `${row.name} (archived)` : row.name }));

/** What the usage filters offer: a department head picks only among their own departments (the rows are limited anyway). */
export async function loadFilterOptions(api: Awaited<ReturnType<typeof serverApi>>, member: MemberPrincipal) {
  const [departments, projects, agents, catalog] = await Promise.all([api.org.departments(), api.org.projects(), api.org.agents(), api.pricing.list()]);
  const mine = (departmentId: string | null) =>
    member.role !== "department_head" || (departmentId !== null && member.headOfDepartmentIds.includes(departmentId));
  return {
    departments: optionsOf(departments.filter((d) => mine(d.id))),
    projects: optionsOf(projects.filter((p) => mine(p.departmentId))),
    agents: optionsOf(agents.filter((a) => mine(a.departmentId))),
    items: [...(catalog.current?.models.map((m) => m.model) ?? []), ...(catalog.current?.operations.map((o) => o.operation) ?? [])],
    showUser: member.role !== "member",
  };
}

export type FilterOptions = Awaited<ReturnType<typeof loadFilterOptions>>;
