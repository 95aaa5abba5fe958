import { Card, Metric, Text } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { hrefWith, type SearchParams } from "@/app/_components/filters/search-params";
import { SelectField } from "@/app/_components/form/field";
import { PageHeader } from "@/app/_components/page-header";
import { formatCredits, formatInteger } from "@/app/_lib/format";
import { isAppError } from "@/server/lib/errors";
import { TRPCError } from "@trpc/server";
import { requireMember, serverApi } from "@/server/api/server";
import { DIMENSIONS } from "@/server/reports/dimensions";
import { BreakdownTable } from "./breakdown-table";
import { DIMENSION_LABELS, eventsHref, readDashboardFilter } from "./dashboard-filter";
import { loadFilterOptions } from "./filter-options";
import { LiveRefresh } from "./live-refresh";
import { ProjectionSummary } from "./projection-summary";
import { SpendChart } from "./spend-chart";
import { spendChartData } from "./spend-chart-data";
import { USAGE_FILTER_LABELS } from "./usage-filter";
import { UsageFilters } from "./usage-filters";
import { UsageTabs } from "./usage-tabs";

export const metadata: Metadata = { title: "Usage" };

const GRANULARITY_OPTIONS = [
  { value: "hour", label: "Hour (up to 7 days)" },
  { value: "day", label: "Day" },
  { value: "week", label: "Week (from Monday)" },
  { value: "month", label: "Month" },
];

/** A refusal the member can fix (an impossible range) is shown on the page; anything else is an error page. */
function refusalOf(error: unknown): string | null {
  if (error instanceof TRPCError && error.code === "BAD_REQUEST") return error.message;
  return isAppError(error) && error.appCode === "INVALID_INPUT" ? error.message : null;
}

export default async function UsageDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  const api = await serverApi();
  const [org, options, params] = await Promise.all([api.org.get(), loadFilterOptions(api, member), searchParams]);
  const { values, input, invalid } = readDashboardFilter(params, org.timeZone);
  let refusal: string | null = null;
  const [report, projection] = await Promise.all([
    api.reports.usage(input).catch((error: unknown) => {
      refusal = refusalOf(error);
      if (refusal === null) throw error;
      return null;
    }),
    api.reports.projection({ period: "month", filter: input.filter }),
  ]);
  const split = values.by !== undefined;
  const byOptions = [{ value: "", label: "Nothing (one series)" }, ...DIMENSIONS.filter((d) => d !== "user" || options.showUser).map((d) => ({ value: d, label: DIMENSION_LABELS[d] }))];

  return (
    <>
      <PageHeader
        title="Usage"
        description={`Credits spent, from the hourly and daily rollups of every usage event you may see. Days in ${org.timeZone}.`}
        actions={report && <ExportLink href={hrefWith("/usage/report-export", { ...values, table: "breakdown" })}>Export table CSV</ExportLink>}
      />
      <UsageTabs current="/usage" />
      <UsageFilters key={JSON.stringify(values)} action="/usage" values={values} options={options}>
        <SelectField label="Granularity" name="granularity" defaultValue={values.granularity ?? "day"} options={GRANULARITY_OPTIONS} />
        <SelectField label="Split by" name="by" defaultValue={values.by ?? ""} options={byOptions} />
      </UsageFilters>
      {invalid.length > 0 && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Ignored malformed filter values: {invalid.map((key) => USAGE_FILTER_LABELS[key]).join(", ")}.
        </p>
      )}
      {report === null ? (
        <EmptyState title="This view cannot be shown">{refusal}</EmptyState>
      ) : (
        <>
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <p className="text-sm text-gray-600 dark:text-gray-300">
              {report.range.from} to {report.range.to} (included)
            </p>
            <LiveRefresh generatedAt={report.generatedAt} />
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <Card>
              <Text>Credits charged</Text>
              <Metric data-testid="total-charged">{formatCredits(report.totals.chargedMicros)}</Metric>
              {report.totals.costMicros > report.totals.chargedMicros && (
                <Text>{formatCredits(report.totals.costMicros - report.totals.chargedMicros)} uncovered (settled beyond the hold)</Text>
              )}
            </Card>
            <Card>
              <Text>Events</Text>
              <Metric data-testid="total-events">{formatInteger(report.totals.events)}</Metric>
              <Link href={eventsHref(values)} className="text-sm text-blue-600 hover:underline dark:text-blue-400">
                See the events →
              </Link>
            </Card>
            <Card>
              <Text>Tokens</Text>
              <Metric>{formatInteger(report.totals.inputTokens + report.totals.outputTokens)}</Metric>
              <Text>
                {formatInteger(report.totals.inputTokens)} in ({formatInteger(report.totals.cachedInputTokens)} cached) · {formatInteger(report.totals.outputTokens)} out
              </Text>
            </Card>
          </div>

          {report.totals.events === 0 ? (
            <div className="mt-8">
              <EmptyState title="No usage in this range">
                Widen the dates or{" "}
                <Link href="/usage" className="text-blue-600 hover:underline dark:text-blue-400">
                  clear the filters
                </Link>
                . New events appear here within seconds of being recorded.
              </EmptyState>
            </div>
          ) : (
            <>
              <section className="mt-8" aria-labelledby="over-time">
                <div className="mb-2 flex items-center justify-between">
                  <h2 id="over-time" className="text-lg font-medium">
                    Credits per {report.granularity}
                    {split && ` by ${DIMENSION_LABELS[report.breakdownBy].toLowerCase()}`}
                  </h2>
                  <ExportLink href={hrefWith("/usage/report-export", { ...values, table: "series" })}>CSV</ExportLink>
                </div>
                <Card>
                  <SpendChart data={spendChartData(report, values, split)} />
                  <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">Click a bar to see its events.</p>
                </Card>
              </section>

              <section className="mt-8" aria-labelledby="breakdown">
                <h2 id="breakdown" className="mb-2 text-lg font-medium">
                  By {DIMENSION_LABELS[report.breakdownBy].toLowerCase()}
                </h2>
                <BreakdownTable
                  rows={report.breakdown}
                  by={report.breakdownBy}
                  values={values}
                  totalChargedMicros={report.totals.chargedMicros}
                  caption={`Spend by ${DIMENSION_LABELS[report.breakdownBy]}`}
                  testId="breakdown-row"
                />
              </section>

              <section className="mt-8 grid gap-8 lg:grid-cols-2" aria-label="Top spenders">
                {(["users", "agents"] as const).map((list) => (
                  <div key={list}>
                    <div className="mb-2 flex items-center justify-between">
                      <h2 className="text-lg font-medium">Top {list}</h2>
                      <ExportLink href={hrefWith("/usage/report-export", { ...values, table: list })}>CSV</ExportLink>
                    </div>
                    <BreakdownTable
                      rows={report.topSpenders[list]}
                      by={list === "users" ? "user" : "agent"}
                      values={values}
                      totalChargedMicros={report.totals.chargedMicros}
                      caption={`Top ${list}`}
                      testId={`top-${list}-row`}
                      compact
                    />
                  </div>
                ))}
              </section>
            </>
          )}
        </>
      )}
      <ProjectionSummary projection={projection} />
    </>
  );
}
