import Link from "next/link";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatMoney } from "@/app/_lib/format";
import type { RoiFigures, RoiMonth, RoiReport } from "@/server/reports/roi";
import { formatMonth, formatRoi, formatUnits } from "./_lib/roi-format";

type Department = RoiReport["departments"][number];

interface FigureRow {
  key: string;
  label: React.ReactNode;
  figures: RoiFigures;
  /** Cells after the figures, matching `extraHeaders`. */
  extra?: React.ReactNode;
}

/** Every ROI table: a first column, then credits, cost, value, net and ROI, then optional extra columns. */
export function FiguresTable({
  caption,
  first,
  rows,
  currency,
  extraHeaders = [],
  testId,
}: {
  caption: string;
  first: string;
  rows: FigureRow[];
  currency: string;
  extraHeaders?: React.ReactNode[];
  testId?: string;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>{first}</Th>
          {["Credits", "Cost", "Value", "Net", "ROI"].map((header) => (
            <Th key={header} numeric>
              {header}
            </Th>
          ))}
          {extraHeaders.map((header, index) => (
            <Th key={index}>{header}</Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, label, figures, extra }) => (
          <tr key={key} data-testid={testId}>
            <Td>{label}</Td>
            <Td numeric>{formatCredits(figures.chargedMicros)}</Td>
            <Td numeric>{formatMoney(figures.costMinor, currency)}</Td>
            <Td numeric>{formatMoney(figures.valueMinor, currency)}</Td>
            <Td numeric className={figures.netMinor < 0 ? "text-red-700 dark:text-red-400" : ""}>
              {formatMoney(figures.netMinor, currency)}
            </Td>
            <Td numeric>{formatRoi(figures.roiBps)}</Td>
            {extra}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function CostPerOutcome({ month, currency }: { month: RoiMonth; currency: string }) {
  if (month.outcomes.length === 0) return <span className="text-gray-400">No outcomes</span>;
  return (
    <ul className="space-y-0.5">
      {month.outcomes.map((o) => (
        <li key={o.metricId}>
          {formatUnits(o.quantityMicros)} {o.unit}
          {o.quantityMicros === 1_000_000 ? "" : "s"} · {o.costPerUnitMinor === null ? "—" : formatMoney(o.costPerUnitMinor, currency)} per {o.unit}
        </li>
      ))}
    </ul>
  );
}

/** A department's months, newest first: the figures, cost per outcome, and a link to each month's printable report. */
export function DepartmentMonthsTable({ department, currency }: { department: Department; currency: string }) {
  return (
    <FiguresTable
      caption={`${department.name}: return by month`}
      first="Month"
      currency={currency}
      testId="roi-month-row"
      extraHeaders={["Outcomes and cost per outcome", <span key="report" className="sr-only">Report</span>]}
      rows={[...department.months].reverse().map((month) => ({
        key: month.month,
        label: formatMonth(month.month),
        figures: month,
        extra: (
          <>
            <Td className="text-xs">
              <CostPerOutcome month={month} currency={currency} />
            </Td>
            <Td>
              <Link href={`/roi/${department.departmentId}/${month.month}`} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
                Monthly report
              </Link>
            </Td>
          </>
        ),
      }))}
    />
  );
}

/** The department's agents over the range (outcomes count for an agent when they name it). */
export function AgentTable({ department, currency }: { department: Department; currency: string }) {
  return (
    <FiguresTable
      caption={`${department.name}: return by agent`}
      first="Agent"
      currency={currency}
      testId="roi-agent-row"
      rows={department.agents.map((agent) => ({ key: agent.agentId, label: agent.name, figures: agent.total }))}
    />
  );
}

/** Every department over the range, best return first: the comparison finance and administrators see. */
export function ComparisonTable({ report }: { report: RoiReport }) {
  const ranked = [...report.departments].sort((a, b) => (b.total.roiBps ?? -Infinity) - (a.total.roiBps ?? -Infinity));
  return (
    <FiguresTable
      caption="Departments compared"
      first="Department"
      currency={report.currency}
      testId="roi-comparison-row"
      rows={ranked.map((department) => ({ key: department.departmentId, label: department.name, figures: department.total }))}
    />
  );
}
