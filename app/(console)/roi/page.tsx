import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { hrefWith, type SearchParams } from "@/app/_components/filters/search-params";
import { PageHeader } from "@/app/_components/page-header";
import { formatMoneyExact } from "@/app/_lib/format";
import { requireMember, serverApi } from "@/server/api/server";
import { AnalyticsNotForYourRole } from "./_lib/analytics-not-for-role";
import { divide } from "@/server/lib/decimal";
import { currencyMinorDigits } from "../admin/_lib/currency";
import { moneyPoint } from "./_lib/chart-points";
import { readRoiFilter } from "./_lib/roi-filter";
import { formatMonth } from "./_lib/roi-format";
import { comparesDepartments, seesRoi } from "./_lib/roi-reader";
import { DepartmentComparisonChart, RoiTrendChart } from "./roi-charts";
import { RoiFilters } from "./roi-filters";
import { AgentTable, ComparisonTable, DepartmentMonthsTable } from "./roi-tables";

export const metadata: Metadata = { title: "ROI" };

/** What the organisation paid per credit, as the page states it: "$0.0100 a credit (list price)". */
function creditPriceText(price: { source: string; minor: string; perMicros: string }, currency: string) {
  // Minor units per credit, to four more digits than the currency has (rounded half-up for display).
  const perCredit = divide(BigInt(price.minor) * 1_000_000n * 10_000n, BigInt(price.perMicros), "halfUp");
  return `${formatMoneyExact(perCredit, 4, currency, currencyMinorDigits(currency) + 2)} a credit (${price.source === "list" ? "list price" : "average paid on purchases"})`;
}

export default async function RoiPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  if (!seesRoi(member)) return <AnalyticsNotForYourRole title="Return on AI spend" what="ROI reports" />;
  const api = await serverApi();
  const filter = readRoiFilter(await searchParams);
  const departments = await api.org.departments();
  // The filter offers the departments the member may see (a department head's own); another is ignored, not an error page.
  const offered = departments.filter((d) => !d.archivedAt && (member.role !== "department_head" || member.headOfDepartmentIds.includes(d.id)));
  const asked = filter.input.departmentIds?.[0];
  if (asked && !departments.some((d) => d.id === asked && (member.role !== "department_head" || member.headOfDepartmentIds.includes(d.id)))) {
    filter.input.departmentIds = undefined;
    filter.invalid.push("department");
  }
  const report = await api.reports.roi(filter.input);
  const currency = report.currency;
  const compare = comparesDepartments(member) && report.departments.length > 1;
  const lastPrice = report.creditPrices.at(-1);

  return (
    <>
      <PageHeader
        title="Return on AI spend"
        description={`${member.role === "department_head" ? "The departments you head" : "Every department"}, ${formatMonth(report.fromMonth)} to ${formatMonth(report.toMonth)} (${report.timeZone}). ROI = (value − cost) / cost.`}
        actions={
          <>
            <ExportLink href={hrefWith("/roi/export", { ...filter.values, table: "months" })}>Months CSV</ExportLink>
            <ExportLink href={hrefWith("/roi/export", { ...filter.values, table: "agents" })}>Agents CSV</ExportLink>
          </>
        }
      />
      <RoiFilters values={filter.values} departments={offered} active={filter.active} />
      {filter.invalid.length > 0 && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Ignored malformed filter values: {filter.invalid.join(", ")}.
        </p>
      )}
      {lastPrice && (
        <p data-testid="credit-price-note" className="mb-6 text-sm text-gray-600 dark:text-gray-400">
          Cost is credits charged × what the organisation paid per credit in that month: {creditPriceText(lastPrice, currency)} in {formatMonth(lastPrice.month)}. Value is
          each outcome × its value per unit when it was recorded.{" "}
          <Link href="/outcomes" className="text-blue-600 hover:underline dark:text-blue-400">
            Outcome metrics
          </Link>
        </p>
      )}

      {report.departments.length === 0 ? (
        <EmptyState title="No departments to report on">
          {member.role === "department_head" ? "You do not head a department yet; ask an administrator." : "Create departments and outcome metrics to see their return."}
        </EmptyState>
      ) : (
        <>
          {compare && (
            <section aria-labelledby="comparison" data-testid="roi-comparison" className="mb-10 space-y-4">
              <div className="flex flex-wrap items-end justify-between gap-4">
                <h2 id="comparison" className="text-lg font-semibold">
                  Departments compared
                </h2>
                <ExportLink href={hrefWith("/roi/export", { ...filter.values, table: "comparison" })}>Comparison CSV</ExportLink>
              </div>
              <DepartmentComparisonChart data={report.departments.map((d) => moneyPoint(d.name, d.total, currency))} currency={currency} />
              <ComparisonTable report={report} />
            </section>
          )}
          {report.departments.map((department) => (
            <section key={department.departmentId} aria-labelledby={`dept-${department.departmentId}`} data-testid="roi-department" className="mb-10 space-y-4">
              <h2 id={`dept-${department.departmentId}`} className="text-lg font-semibold">
                {department.name}
              </h2>
              {department.total.chargedMicros === 0 && department.total.valueMinor === 0 ? (
                <EmptyState title="No spend or outcomes in these months">
                  Outcomes appear once they are recorded with <code>outcomes.record</code> or{" "}
                  <Link href="/outcomes" className="text-blue-600 hover:underline dark:text-blue-400">
                    entered by hand
                  </Link>
                  .
                </EmptyState>
              ) : (
                <>
                  <RoiTrendChart
                    label={`${department.name}: cost and value by month`}
                    data={department.months.map((m) => moneyPoint(formatMonth(m.month), m, currency))}
                    currency={currency}
                  />
                  <DepartmentMonthsTable department={department} currency={currency} />
                  <h3 className="pt-2 font-medium">By agent</h3>
                  {department.agents.length === 0 ? (
                    <p className="text-sm text-gray-500">No agent spent credits or produced outcomes in these months.</p>
                  ) : (
                    <AgentTable department={department} currency={currency} />
                  )}
                </>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}
