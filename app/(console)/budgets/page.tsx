import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { hrefWith, type SearchParams } from "@/app/_components/filters/search-params";
import { PageHeader } from "@/app/_components/page-header";
import { primaryLink } from "../admin/_components/button-styles";
import { NotForYourRole } from "./_components/not-for-your-role";
import { readBudgetFilter } from "./_lib/budget-filter";
import { budgetReaderApi, scopeKindsFor } from "./_lib/budget-reader";
import { loadScopeDirectory } from "./_lib/scope-name";
import { BudgetFilters } from "./budget-filters";
import { BudgetTable } from "./budget-table";

export const metadata: Metadata = { title: "Budgets" };

const TITLE = "Budgets";

export default async function BudgetsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const reader = await budgetReaderApi();
  if (!reader) return <NotForYourRole title={TITLE} />;
  const { api, member } = reader;
  const filter = readBudgetFilter(await searchParams);
  const [org, rows, directory] = await Promise.all([api.org.get(), api.budgets.list({ includeArchived: filter.includeArchived }), loadScopeDirectory(api)]);
  const shown = rows.filter(filter.matches);
  return (
    <>
      <PageHeader
        title={TITLE}
        description={`${member.role === "department_head" ? "Budgets of the departments you head, and of their projects and agents" : "Every budget in the organisation"}, with the current period's spend. Times in ${org.timeZone}.`}
        actions={
          <>
            <ExportLink href={hrefWith("/budgets/export", { ...filter.values })} />
            <Link href="/budgets/new" className={primaryLink}>
              New budget
            </Link>
          </>
        }
      />
      <p className="mb-4 max-w-3xl text-sm text-gray-600 dark:text-gray-300">
        A budget limits what one scope — the whole organisation, a department, a project, an agent or a user — may spend per
        period. <strong className="font-medium">Per-agent and per-user spending limits are budgets on those scopes.</strong> An
        alert budget only notifies at its thresholds; a pause budget also refuses spend past its limit until the next period.
      </p>
      <BudgetFilters values={filter.values} scopes={scopeKindsFor(member)} />
      {shown.length === 0 ? (
        filter.active ? (
          <EmptyState title="No budgets match these filters">
            <Link href="/budgets" className="text-blue-600 hover:underline dark:text-blue-400">
              Clear the filters
            </Link>{" "}
            to see every budget.
          </EmptyState>
        ) : (
          <EmptyState title="No budgets yet">
            Set one with “New budget”: a daily limit on an agent, a monthly one on a department, or one per user.
          </EmptyState>
        )
      ) : (
        <>
          <BudgetTable rows={shown} directory={directory} timeZone={org.timeZone} />
          <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">
            Solid: committed spend; light: credits held for actions in flight; ticks: alert thresholds. The projection assumes
            the period&apos;s average burn rate so far continues.
          </p>
        </>
      )}
    </>
  );
}
