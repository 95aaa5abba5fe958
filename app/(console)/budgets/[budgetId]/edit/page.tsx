import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_lib/format";
import { formatScaled } from "@/server/lib/decimal";
import { NotForYourRole } from "../../_components/not-for-your-role";
import { PERIOD_LABELS } from "../../_lib/budget-labels";
import { budgetReaderApi } from "../../_lib/budget-reader";
import { loadScopeDirectory, scopeLabel } from "../../_lib/scope-name";
import { loadBudget } from "../load-budget";
import { EditBudgetForm } from "./edit-budget-form";

export const metadata: Metadata = { title: "Edit budget" };

export default async function EditBudgetPage({ params }: { params: Promise<{ budgetId: string }> }) {
  const { budgetId } = await params;
  const reader = await budgetReaderApi();
  if (!reader) return <NotForYourRole title="Edit budget" />;
  const [{ budget, timeZone }, directory] = await Promise.all([loadBudget(reader.api, budgetId), loadScopeDirectory(reader.api)]);
  const period =
    budget.period === "custom"
      ? `${PERIOD_LABELS.custom}: ${formatDateTime(budget.windowStart, timeZone)} – ${formatDateTime(budget.windowEnd, timeZone)}`
      : PERIOD_LABELS[budget.period];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/budgets/${budget.id}`} className="text-blue-700 hover:underline dark:text-blue-300">
          ← {budget.name}
        </Link>
      </nav>
      <PageHeader title="Edit budget" description="Change the name, limit, thresholds, mode and who is told." />
      <dl className="mb-6 grid max-w-3xl gap-4 rounded-lg border border-gray-200 bg-white p-4 text-sm sm:grid-cols-2 dark:border-gray-800 dark:bg-gray-900">
        <div>
          <dt className="text-gray-500 dark:text-gray-400">Scope</dt>
          <dd className="font-medium">{scopeLabel(budget, directory)}</dd>
        </div>
        <div>
          <dt className="text-gray-500 dark:text-gray-400">Period</dt>
          <dd className="font-medium">{period}</dd>
        </div>
        <p className="text-gray-600 sm:col-span-2 dark:text-gray-300">
          Scope and period are fixed: the spend already counted belongs to them. For another scope or period, create a new budget
          and archive this one.
        </p>
      </dl>
      <EditBudgetForm
        budgetId={budget.id}
        name={budget.name}
        settings={{
          limit: formatScaled(budget.limitMicros, 6),
          thresholds: budget.thresholds,
          mode: budget.mode,
          notifyRoles: budget.notifyRoles,
          notifyEmails: budget.notifyEmails,
        }}
      />
    </>
  );
}
