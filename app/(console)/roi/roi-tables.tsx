import Link from "next/link";
import { Table, Td, Th } from "@/app/_components/table";
import { formatCredits, formatMoney } from "@/app/_lib/format";
import type { RoiFigures, RoiMonth, RoiReport } from "@/server/reports/roi";
import { formatMonth, formatRoi, formatUnits } from "./_lib/roi-format";

type Department = RoiReport["departments"][number];

function FigureCells({ figures, currency }: { figures: RoiFigures; currency: string }) {
  return (
    <>
      <Td numeric>{formatCredits(figures.chargedMicros)}</Td>
      <Td numeric>{formatMoney(figures.costMinor, currency)}</Td>
      <Td numeric>{formatMoney(figures.valueMinor, currency)}</Td>
      <Td numeric className={figures.netMinor < 0 ? "text-red-700 dark:text-red-400" : ""}>
        {formatMoney(figures.netMinor, currency)}
      </Td>
      <Td numeric>{formatRoi(figures.roiBps)}</Td>
    </>
  );
}

const FIGURE_HEADERS = ["Credits", "Cost", "Value", "Net", "ROI"];

export function CostPerOutcome({ month, currency }: { month: RoiMonth; currency: string }) {
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

/** A department's months: credits, cost, value, net, ROI, cost per outcome, and a link to each month's printable report. */
export function DepartmentMonthsTable({ department, currency }: { department: Department; currency: string }) {
  return (
    <Table caption={`${department.name}: return by month`}>
      <thead>
        <tr>
          <Th>Month</Th>
          {FIGURE_HEADERS.map((header) => (
            <Th key={header} numeric>
              {header}
            </Th>
          ))}
          <Th>Outcomes and cost per outcome</Th>
          <Th>
            <span className="sr-only">Report</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {[...department.months].reverse().map((month) => (
          <tr key={month.month} data-testid="roi-month-row">
            <Td>{formatMonth(month.month)}</Td>
            <FigureCells figures={month} currency={currency} />
            <Td className="text-xs">
              <CostPerOutcome month={month} currency={currency} />
            </Td>
            <Td>
              <Link href={`/roi/${department.departmentId}/${month.month}`} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
                Monthly report
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The department's agents over the range (outcomes count for an agent when they name it). */
export function AgentTable({ department, currency }: { department: Department; currency: string }) {
  return (
    <Table caption={`${department.name}: return by agent`}>
      <thead>
        <tr>
          <Th>Agent</Th>
          {FIGURE_HEADERS.map((header) => (
            <Th key={header} numeric>
              {header}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {department.agents.map((agent) => (
          <tr key={agent.agentId} data-testid="roi-agent-row">
            <Td>{agent.name}</Td>
            <FigureCells figures={agent.total} currency={currency} />
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Every department over the range, best return first: the comparison finance and administrators see. */
export function ComparisonTable({ report }: { report: RoiReport }) {
  const ranked = [...report.departments].sort((a, b) => (b.total.roiBps ?? -Infinity) - (a.total.roiBps ?? -Infinity));
  return (
    <Table caption="Departments compared">
      <thead>
        <tr>
          <Th>Department</Th>
          {FIGURE_HEADERS.map((header) => (
            <Th key={header} numeric>
              {header}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ranked.map((department) => (
          <tr key={department.departmentId} data-testid="roi-comparison-row">
            <Td>{department.name}</Td>
            <FigureCells figures={department.total} currency={report.currency} />
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
