import { Card } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_lib/format";
import { ActionButton } from "../../admin/_components/action-button";
import { secondaryButton } from "../../admin/_components/button-styles";
import { AlertFeed } from "../../alerts/alert-feed";
import { BudgetBadges } from "../_components/budget-badges";
import { BudgetMeter } from "../_components/budget-meter";
import { NotForYourRole } from "../_components/not-for-your-role";
import { usageSentence } from "../_lib/budget-figures";
import { MODE_LABELS, PERIOD_LABELS } from "../_lib/budget-labels";
import { budgetReaderApi } from "../_lib/budget-reader";
import { loadScopeDirectory, scopeLabel } from "../_lib/scope-name";
import { resumeBudget, setBudgetArchived } from "../actions";
import { BudgetForecast } from "./budget-forecast";
import { BudgetNumbers } from "./budget-numbers";
import { BurnChart } from "./burn-chart";
import { burnSeries } from "./burn-series";
import { loadBudget } from "./load-budget";
import { PeriodHistory } from "./period-history";
import { RaiseLimitForm } from "./raise-limit-form";

export const metadata: Metadata = { title: "Budget" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="mb-2 text-lg font-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function BudgetPage({ params }: { params: Promise<{ budgetId: string }> }) {
  const { budgetId } = await params;
  const reader = await budgetReaderApi();
  if (!reader) return <NotForYourRole title="Budget" />;
  const { api } = reader;
  const [detail, directory] = await Promise.all([loadBudget(api, budgetId), loadScopeDirectory(api)]);
  const { budget, status, timeZone } = detail;
  const running = Boolean(status.periodStart && status.periodEnd);
  const earlier = detail.history.filter((period) => period.periodStart.getTime() !== status.periodStart?.getTime());
  const alerts = detail.alerts.map((alert) => ({ ...alert, budgetName: budget.name }));
  const archived = Boolean(budget.archivedAt);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/budgets" className="text-blue-700 hover:underline dark:text-blue-300">
          ← Budgets
        </Link>
      </nav>
      <PageHeader
        title={budget.name}
        description={`${scopeLabel(budget, directory)} · ${PERIOD_LABELS[budget.period]} · ${MODE_LABELS[budget.mode].label}: ${MODE_LABELS[budget.mode].description}`}
        actions={
          <>
            {!archived && (
              <Link href={`/budgets/${budget.id}/edit`} className={secondaryButton}>
                Edit
              </Link>
            )}
            <ActionButton
              action={setBudgetArchived}
              fields={{ budgetId: budget.id, archived: String(!archived) }}
              label={archived ? "Restore" : "Archive"}
              pendingLabel={archived ? "Restoring…" : "Archiving…"}
              confirm={
                archived
                  ? undefined
                  : { question: "Archive this budget? It stops counting and enforcing; its history stays.", confirmLabel: "Archive budget" }
              }
            />
          </>
        }
      />
      <div className="mb-4">
        <BudgetBadges budget={budget} status={status} />
      </div>

      {status.paused && (
        <p role="alert" className="mb-4 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
          <strong className="font-medium">Spending is paused.</strong> Committed and held credits have reached the limit, so new
          usage in this scope is refused until the period ends — unless you resume it or raise the limit below.
        </p>
      )}

      {running ? (
        <>
          <p className="mb-3 text-sm text-gray-600 dark:text-gray-300">
            Current period: {formatDateTime(status.periodStart, timeZone)} – {formatDateTime(status.periodEnd, timeZone)} ({timeZone})
          </p>
          <BudgetNumbers status={status} timeZone={timeZone} />
          <div className="mt-4">
            <BudgetMeter status={status} thresholds={budget.thresholds} />
            <p className="mt-2 text-sm text-gray-600 dark:text-gray-300">
              {usageSentence(status)}. Alerts at {budget.thresholds.join(", ")} %.
            </p>
          </div>
        </>
      ) : (
        <EmptyState title="The window is not running">
          This budget counts spend from {formatDateTime(budget.windowStart, timeZone)} to {formatDateTime(budget.windowEnd, timeZone)}.
        </EmptyState>
      )}

      {budget.mode === "pause" && running && !archived && (
        <Section id="pause-controls" title="Let spend continue">
          <div className="grid gap-4 lg:grid-cols-2">
            <Card>
              <h3 className="font-medium">Resume for the rest of this period</h3>
              <p className="mt-1 mb-3 text-sm text-gray-500 dark:text-gray-400">
                {status.resumed
                  ? "Already resumed: spend past the limit is allowed until the period ends. The next period enforces the limit again."
                  : "Allows spend past the limit until this period ends; alerts still go out. The next period enforces the limit again."}
              </p>
              {!status.resumed && (
                <ActionButton
                  action={resumeBudget}
                  fields={{ budgetId: budget.id }}
                  label="Resume for the rest of this period"
                  pendingLabel="Resuming…"
                  confirm={{ question: "Allow spend past the limit until the period ends?", confirmLabel: "Resume" }}
                />
              )}
            </Card>
            <Card>
              <RaiseLimitForm budgetId={budget.id} currentLimitMicros={budget.limitMicros} />
            </Card>
          </div>
        </Section>
      )}

      {running && detail.forecast && (
        <Section id="forecast" title="Forecast to the period's end">
          <Card>
            <BudgetForecast detail={detail} />
          </Card>
        </Section>
      )}

      {running && (
        <Section id="burn" title="Spend over the period">
          <Card>
            <BurnChart data={burnSeries(detail)} />
            <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">
              Credits counted this period (a budget counts from its creation), then where the average rate so far leads, up to
              the limit or the period&apos;s end.
            </p>
          </Card>
        </Section>
      )}

      <Section id="alerts" title="Alerts">
        {alerts.length === 0 ? (
          <EmptyState title="No alerts yet">One is raised the first time spend reaches each threshold in a period.</EmptyState>
        ) : (
          <AlertFeed alerts={alerts} timeZone={timeZone} linkBudgets={false} />
        )}
      </Section>

      <Section id="history" title="Earlier periods">
        {earlier.length === 0 ? (
          <EmptyState title="No earlier periods yet">Each period&apos;s total is kept here when it ends.</EmptyState>
        ) : (
          <PeriodHistory periods={earlier} timeZone={timeZone} />
        )}
      </Section>
    </>
  );
}
