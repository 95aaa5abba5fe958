import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { PageHeader } from "@/app/_components/page-header";
import { Table, Td, Th } from "@/app/_components/table";
import { formatDateTime, formatMoney, formatMinorExact } from "@/app/_lib/format";
import { requireMember, serverApi } from "@/server/api/server";
import { AnalyticsNotForYourRole } from "../roi/_lib/analytics-not-for-role";
import { formatScaled } from "@/server/lib/decimal";
import { currencyMinorDigits } from "../admin/_lib/currency";
import { formatUnits } from "../roi/_lib/roi-format";
import { seesRoi } from "../roi/_lib/roi-reader";
import { CreateMetricForm, EditMetricForm } from "./metric-forms";
import { RecordOutcomeForm } from "./record-outcome-form";

export const metadata: Metadata = { title: "Outcomes" };

const RECENT = 50;

/** Outcome metrics (defined by administrators, and by department heads for their departments), manual entry, and recent outcomes. */
export default async function OutcomesPage() {
  const member = await requireMember();
  if (!seesRoi(member)) return <AnalyticsNotForYourRole title="Outcomes" what="Outcomes" />;
  const api = await serverApi();
  const [org, metrics, recent, departments, agents] = await Promise.all([
    api.org.get(),
    api.outcomes.metrics({ includeArchived: true }),
    api.outcomes.list({ limit: RECENT }),
    api.org.departments(),
    api.org.agents(),
  ]);
  const manages = (departmentId: string) => member.role === "admin" || (member.role === "department_head" && member.headOfDepartmentIds.includes(departmentId));
  const managed = departments.filter((d) => !d.archivedAt && manages(d.id));
  const active = metrics.filter((m) => !m.archivedAt && manages(m.departmentId));
  const currency = org.currency;

  return (
    <>
      <PageHeader
        title="Outcomes"
        description="What each department's AI work produces, and what a unit is worth. Sibling apps record outcomes with outcomes.record; you can enter them here."
        actions={
          <>
            <ExportLink href="/outcomes/export?table=metrics">Metrics CSV</ExportLink>
            <ExportLink href="/outcomes/export">Outcomes CSV</ExportLink>
          </>
        }
      />

      <section aria-labelledby="metrics-heading" className="mb-10 space-y-4">
        <h2 id="metrics-heading" className="text-lg font-semibold">
          Metrics
        </h2>
        {metrics.length === 0 ? (
          <EmptyState title="No outcome metrics yet">Define one below, e.g. tickets deflected at $4.00 each or leads at $25.00.</EmptyState>
        ) : (
          <Table caption="Outcome metrics">
            <thead>
              <tr>
                <Th>Metric</Th>
                <Th>Department</Th>
                <Th>Unit</Th>
                <Th numeric>Value per unit</Th>
                <Th>{managed.length > 0 ? "Change" : "Status"}</Th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((metric) => (
                <tr key={metric.id} data-testid="metric-row">
                  <Td>
                    {metric.name} <span className="font-mono text-xs text-gray-500">{metric.slug}</span>
                  </Td>
                  <Td>{metric.department}</Td>
                  <Td>{metric.unit}</Td>
                  <Td numeric>{formatMoney(metric.valuePerUnitMinor, currency)}</Td>
                  <Td>
                    {manages(metric.departmentId) ? (
                      <EditMetricForm
                        metric={{ id: metric.id, name: metric.name, value: formatScaled(metric.valuePerUnitMinor, currencyMinorDigits(currency)), archived: metric.archivedAt !== null }}
                        currency={currency}
                      />
                    ) : metric.archivedAt ? (
                      "Archived"
                    ) : (
                      "Active"
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {managed.length > 0 && (
          <div className="rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900">
            <h3 className="mb-3 font-medium">New metric</h3>
            <CreateMetricForm departments={managed} currency={currency} />
          </div>
        )}
      </section>

      {active.length > 0 && (
        <section aria-labelledby="record-heading" className="mb-10 space-y-4">
          <h2 id="record-heading" className="text-lg font-semibold">
            Record an outcome
          </h2>
          <div className="rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900">
            <RecordOutcomeForm
              idempotencyKey={`manual-${randomUUID()}`}
              metrics={active.map((m) => ({ slug: m.slug, label: `${m.name} (${m.department})` }))}
              agents={agents.filter((a) => !a.archivedAt && manages(a.departmentId)).map((a) => ({ slug: a.slug, label: a.name }))}
            />
          </div>
        </section>
      )}

      <section aria-labelledby="recent-heading" className="space-y-4">
        <h2 id="recent-heading" className="text-lg font-semibold">
          Recent outcomes
        </h2>
        {recent.length === 0 ? (
          <EmptyState title="No outcomes recorded yet">They appear here as sibling apps call outcomes.record or you enter them above.</EmptyState>
        ) : (
          <Table caption="Recent outcomes">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Metric</Th>
                <Th>Department</Th>
                <Th>Agent</Th>
                <Th numeric>Quantity</Th>
                <Th numeric>Value</Th>
                <Th>Source</Th>
              </tr>
            </thead>
            <tbody>
              {recent.map((row) => (
                <tr key={row.id} data-testid="outcome-row">
                  <Td>{formatDateTime(row.occurredAt, org.timeZone)}</Td>
                  <Td>{row.metric}</Td>
                  <Td>{row.department}</Td>
                  <Td>{row.agent ?? "—"}</Td>
                  <Td numeric>
                    {formatUnits(row.quantityMicros)} {row.unit}
                  </Td>
                  <Td numeric>{formatMinorExact(row.valueMinor, currency)}</Td>
                  <Td>{row.source === "api" ? "API" : "Entered"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}
