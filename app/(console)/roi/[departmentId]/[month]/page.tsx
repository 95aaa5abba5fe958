import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatMoney } from "@/app/_lib/format";
import { orNotFound } from "@/app/_lib/or-not-found";
import { requireMember, serverApi } from "@/server/api/server";
import { monthSchema, shiftMonth } from "@/server/reports/roi-input";
import { PrintButton } from "../../../invoices/[purchaseId]/print-button";
import { formatMonth, formatRoi, formatUnits } from "../../_lib/roi-format";
import { seesRoi } from "../../_lib/roi-reader";
import { FiguresTable } from "../../roi-tables";
import styles from "./report.module.css";

export const metadata: Metadata = { title: "Monthly department report" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TREND_MONTHS = 6;

/**
 * One department's month, laid out to print: spend, value, ROI, outcomes and cost per outcome, its
 * agents, and the six months to it. A department the member may not see is a 404, like any other.
 */
export default async function MonthlyReportPage({ params }: { params: Promise<{ departmentId: string; month: string }> }) {
  const { departmentId, month } = await params;
  const member = await requireMember();
  if (!seesRoi(member) || !UUID.test(departmentId) || !monthSchema.safeParse(month).success) notFound();
  if (member.role === "department_head" && !member.headOfDepartmentIds.includes(departmentId)) notFound();
  const api = await serverApi();
  const [org, report] = await Promise.all([
    api.org.get(),
    orNotFound(api.reports.roi({ fromMonth: shiftMonth(month, -(TREND_MONTHS - 1)), toMonth: month, departmentIds: [departmentId] })),
  ]);
  const department = report.departments[0];
  if (!department) notFound();
  const current = department.months.at(-1)!;
  const currency = report.currency;
  const price = report.creditPrices.at(-1)!;
  const headline: [string, string, string][] = [
    ["Credits", formatCredits(current.chargedMicros), "report-credits"],
    ["Cost", formatMoney(current.costMinor, currency), "report-cost"],
    ["Value", formatMoney(current.valueMinor, currency), "report-value"],
    ["ROI", formatRoi(current.roiBps), "report-roi"],
  ];

  return (
    <>
      <div className="mb-4 flex max-w-4xl flex-wrap items-start justify-between gap-4 print:hidden">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href={`/roi?department=${departmentId}`} className="text-blue-700 hover:underline dark:text-blue-300">
            ← ROI
          </Link>
        </nav>
        <PrintButton />
      </div>
      <article aria-labelledby="report-title" className={`${styles.report} max-w-4xl space-y-8 rounded-lg border border-gray-200 bg-white p-8 shadow-sm dark:border-gray-800 dark:bg-gray-900`}>
        <header className="border-b border-gray-200 pb-6 dark:border-gray-800">
          <p className="text-sm font-medium uppercase tracking-wide text-gray-500 dark:text-gray-400">Monthly AI return · {org.name}</p>
          <h1 id="report-title" className="mt-1 text-2xl font-semibold">
            {department.name} — {formatMonth(month)}
          </h1>
          <p className="mt-1 text-sm text-gray-500 dark:text-gray-400">
            Calendar month in {report.timeZone}. Cost at {price.source === "list" ? "the list price" : "the average price paid on purchases"} per credit; ROI = (value − cost) / cost.
          </p>
        </header>

        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {headline.map(([label, value, testId]) => (
            <div key={label} className="rounded-md border border-gray-200 p-4 dark:border-gray-800">
              <dt className="text-sm text-gray-500 dark:text-gray-400">{label}</dt>
              <dd data-testid={testId} className="mt-1 text-xl font-semibold tabular-nums">
                {value}
              </dd>
            </div>
          ))}
        </dl>

        <section aria-labelledby="outcomes-heading" className="space-y-2">
          <h2 id="outcomes-heading" className="font-semibold">
            Outcomes
          </h2>
          {current.outcomes.length === 0 ? (
            <p className="text-sm text-gray-500">No outcomes were recorded this month.</p>
          ) : (
            <Table caption="Outcomes this month">
              <thead>
                <tr>
                  <Th>Metric</Th>
                  <Th numeric>Quantity</Th>
                  <Th numeric>Value</Th>
                  <Th numeric>Cost per unit</Th>
                </tr>
              </thead>
              <tbody>
                {current.outcomes.map((o) => (
                  <tr key={o.metricId}>
                    <Td>{o.metric}</Td>
                    <Td numeric>
                      {formatUnits(o.quantityMicros)} {o.unit}
                    </Td>
                    <Td numeric>{formatMoney(o.valueMinor, currency)}</Td>
                    <Td numeric>{o.costPerUnitMinor === null ? "—" : formatMoney(o.costPerUnitMinor, currency)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>

        <section aria-labelledby="agents-heading" className="space-y-2">
          <h2 id="agents-heading" className="font-semibold">
            Agents
          </h2>
          <FiguresTable
            caption="Agents this month"
            first="Agent"
            currency={currency}
            rows={department.agents.map((agent) => ({ key: agent.agentId, label: agent.name, figures: agent.months.at(-1)! }))}
          />
        </section>

        <section aria-labelledby="trend-heading" className="space-y-2">
          <h2 id="trend-heading" className="font-semibold">
            Six-month trend
          </h2>
          <FiguresTable
            caption="Six-month trend"
            first="Month"
            currency={currency}
            rows={department.months.map((m) => ({ key: m.month, label: formatMonth(m.month), figures: m }))}
          />
        </section>
      </article>
    </>
  );
}
