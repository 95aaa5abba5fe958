import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import type { MemberPrincipal } from "@/server/auth/principal";
import { activeOptions } from "../../admin/_lib/options";
import { NotForYourRole } from "../_components/not-for-your-role";
import type { ScopeChoices } from "../_components/form/scope-fields";
import { budgetReaderApi, scopeKindsFor } from "../_lib/budget-reader";
import { CreateBudgetForm } from "./create-budget-form";

export const metadata: Metadata = { title: "New budget" };

const TITLE = "New budget";

interface Named {
  id: string;
  name: string;
  archivedAt: Date | null;
}

interface Placed extends Named {
  departmentId: string | null;
}

/** Department heads choose among their own departments and those departments' projects and agents (the server checks it too). */
function choicesFor(member: MemberPrincipal, departments: Named[], projects: Placed[], agents: Placed[]): ScopeChoices {
  const mine = (departmentId: string | null) =>
    member.role !== "department_head" || (departmentId !== null && member.headOfDepartmentIds.includes(departmentId));
  return {
    kinds: scopeKindsFor(member),
    departments: activeOptions(departments.filter((department) => mine(department.id))),
    projects: activeOptions(projects.filter((project) => mine(project.departmentId))),
    agents: activeOptions(agents.filter((agent) => mine(agent.departmentId))),
  };
}

export default async function NewBudgetPage() {
  const reader = await budgetReaderApi();
  if (!reader) return <NotForYourRole title={TITLE} />;
  const { api, member } = reader;
  const [org, departments, projects, agents] = await Promise.all([api.org.get(), api.org.departments(), api.org.projects(), api.org.agents()]);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/budgets" className="text-blue-700 hover:underline dark:text-blue-300">
          ← Budgets
        </Link>
      </nav>
      <PageHeader
        title={TITLE}
        description="A limit on what one scope may spend per period, with alerts as spend passes its thresholds."
      />
      <p className="mb-6 max-w-3xl text-sm text-gray-600 dark:text-gray-300">
        <strong className="font-medium">Per-agent and per-user spending limits are budgets on those scopes:</strong>{" "}
        {member.role === "department_head"
          ? "choose “Agent” below for one of your departments' agents (per-user limits are set by administrators and finance)."
          : "choose “Agent” or “User” below."}{" "}
        Every budget that applies to a call counts it, so an agent can have its own daily limit inside its department&apos;s
        monthly one.
      </p>
      <CreateBudgetForm choices={choicesFor(member, departments, projects, agents)} timeZone={org.timeZone} />
    </>
  );
}
