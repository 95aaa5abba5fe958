import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { FilterForm } from "@/app/_components/filters/filter-form";
import { hrefWith, type SearchParams } from "@/app/_components/filters/search-params";
import { Field, SelectField } from "@/app/_components/form/field";
import { PageHeader } from "@/app/_components/page-header";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatInteger } from "@/app/_lib/format";
import { requireMember, serverApi } from "@/server/api/server";
import { AnalyticsNotForYourRole } from "../roi/_lib/analytics-not-for-role";
import { formatScaled } from "@/server/lib/decimal";
import { seesRoi } from "../roi/_lib/roi-reader";
import { ModelCostChart } from "./model-cost-chart";
import { DAY_CHOICES, readModelsFilter } from "./models-filter";
import { WhatIfForm } from "./what-if-form";

export const metadata: Metadata = { title: "Models" };

const share = (bps: number) => `${formatScaled(bps, 2)} %`;
const asCredits = (micros: number) => micros / 1_000_000;

export default async function ModelsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  if (!seesRoi(member)) return <AnalyticsNotForYourRole title="Model comparison" what="Model comparisons" />;
  const api = await serverApi();
  const filter = readModelsFilter(await searchParams);
  const [comparison, catalog] = await Promise.all([api.reports.models({ days: filter.days, taskType: filter.taskType }), api.pricing.list()]);
  const models = catalog.current?.models.map((m) => m.model) ?? [];
  const focus = comparison.taskTypes[0];
  const routes = focus?.models.slice(0, 2).map((m, i) => ({ model: m.model, percent: i === 0 ? "80" : "20" })) ?? [];

  return (
    <>
      <PageHeader
        title="Model comparison"
        description={`Credits per task by model, for each task type, over the last ${filter.days} days including today, since ${comparison.since} (a task is one model call). ${member.role === "department_head" ? "Tasks of the departments you head." : "Every department."}`}
        actions={<ExportLink href={hrefWith("/models/export", filter.values)} />}
      />
      <FilterForm action="/models" clearHref="/models" canClear={Boolean(filter.values.days || filter.values.task)}>
        <SelectField label="Window" name="days" defaultValue={String(filter.days)} options={DAY_CHOICES.map((d) => ({ value: String(d), label: `Last ${d} days` }))} />
        <Field label="Task type" name="task" defaultValue={filter.taskType} placeholder="All task types" />
      </FilterForm>

      {comparison.taskTypes.length === 0 ? (
        <EmptyState title={filter.taskType ? `No ${filter.taskType} tasks in the last ${filter.days} days` : `No model calls in the last ${filter.days} days`}>
          Tasks appear once a sibling app records usage with a <code>taskType</code>.
        </EmptyState>
      ) : (
        <div className="space-y-10">
          {focus && routes.length > 0 && (
            <WhatIfForm
              key={`${filter.days}-${focus.taskType}`}
              taskTypes={comparison.taskTypes.map((t) => t.taskType)}
              models={[...new Set([...models, ...focus.models.map((m) => m.model)])].sort()}
              initial={{ taskType: focus.taskType, days: filter.days, routes: routes.length === 1 ? [{ ...routes[0]!, percent: "100" }] : routes }}
            />
          )}
          {comparison.taskTypes.map((taskType) => (
            <section key={taskType.taskType} aria-labelledby={`task-${taskType.taskType}`} data-testid="task-type" className="space-y-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`task-${taskType.taskType}`} className="text-lg font-semibold">
                  {taskType.taskType}
                </h2>
                <p className="text-sm text-gray-500 dark:text-gray-400">
                  {formatInteger(taskType.tasks)} tasks · {formatCredits(taskType.costMicros)} credits · {formatCredits(taskType.meanMicros)} per task on average
                </p>
              </div>
              {taskType.models.length > 1 && (
                <ModelCostChart
                  label={`${taskType.taskType}: credits per task by model`}
                  data={taskType.models.map((m) => ({ model: m.model, Mean: asCredits(m.meanMicros), Median: asCredits(m.medianMicros), P90: asCredits(m.p90Micros) }))}
                />
              )}
              <Table caption={`${taskType.taskType}: credits per task by model`}>
                <thead>
                  <tr>
                    <Th>Model</Th>
                    <Th numeric>Tasks</Th>
                    <Th numeric>Share of tasks</Th>
                    <Th numeric>Credits</Th>
                    <Th numeric>Share of credits</Th>
                    <Th numeric>Mean per task</Th>
                    <Th numeric>Median</Th>
                    <Th numeric>P90</Th>
                  </tr>
                </thead>
                <tbody>
                  {taskType.models.map((m) => (
                    <tr key={m.model} data-testid="model-row">
                      <Td>{m.model}</Td>
                      <Td numeric>{formatInteger(m.tasks)}</Td>
                      <Td numeric>{share(m.taskShareBps)}</Td>
                      <Td numeric>{formatCredits(m.costMicros)}</Td>
                      <Td numeric>{share(m.creditShareBps)}</Td>
                      <Td numeric>{formatCredits(m.meanMicros)}</Td>
                      <Td numeric>{formatCredits(m.medianMicros)}</Td>
                      <Td numeric>{formatCredits(m.p90Micros)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </section>
          ))}
          <p className="text-xs text-gray-500 dark:text-gray-400">
            Tasks, credits, means and shares are exact. Medians and P90s come from cost histograms kept as usage arrives: exact below
            0.000128 credits per task, otherwise within 1.6 % of the true value.
          </p>
        </div>
      )}
    </>
  );
}
