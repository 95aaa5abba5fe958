import { toCsv } from "@/server/lib/csv";
import { formatScaled } from "@/server/lib/decimal";
import type { RoiFigures, RoiMonth, RoiReport } from "@/server/reports/roi";
import { currencyMinorDigits } from "../admin/_lib/currency";

type Department = RoiReport["departments"][number];

/** The figures every ROI table shares: exact credits beside micro-credits, money in major beside minor units, ROI in % beside bps. */
function figureColumns<T>(report: RoiReport, of: (row: T) => RoiFigures) {
  const digits = currencyMinorDigits(report.currency);
  const money = (minor: number) => formatScaled(minor, digits);
  return [
    { header: "credits", value: (row: T) => formatScaled(of(row).chargedMicros, 6) },
    { header: "credits_micros", value: (row: T) => of(row).chargedMicros },
    { header: `cost_${report.currency}`, value: (row: T) => money(of(row).costMinor) },
    { header: "cost_minor", value: (row: T) => of(row).costMinor },
    { header: `value_${report.currency}`, value: (row: T) => money(of(row).valueMinor) },
    { header: "value_minor", value: (row: T) => of(row).valueMinor },
    { header: `net_${report.currency}`, value: (row: T) => money(of(row).netMinor) },
    { header: "roi_percent", value: (row: T) => (of(row).roiBps === null ? "" : formatScaled(of(row).roiBps!, 2)) },
    { header: "roi_bps", value: (row: T) => of(row).roiBps ?? "" },
  ];
}

const outcomesText = (month: RoiMonth, currency: string) =>
  month.outcomes
    .map((o) => `${o.metric}: ${formatScaled(o.quantityMicros, 6)} ${o.unit} (cost per ${o.unit} ${o.costPerUnitMinor === null ? "-" : formatScaled(o.costPerUnitMinor, currencyMinorDigits(currency))})`)
    .join("; ");

/** One row per department and month. */
export function departmentMonthsCsv(report: RoiReport): string {
  const rows = report.departments.flatMap((department) => department.months.map((month) => ({ department, month })));
  return toCsv(rows, [
    { header: "department_id", value: ({ department }) => department.departmentId },
    { header: "department", value: ({ department }) => department.name },
    { header: `month (${report.timeZone})`, value: ({ month }) => month.month },
    ...figureColumns<{ department: Department; month: RoiMonth }>(report, ({ month }) => month),
    { header: "outcomes", value: ({ month }) => outcomesText(month, report.currency) },
  ]);
}

/** One row per agent and month, within its department. */
export function agentMonthsCsv(report: RoiReport): string {
  const rows = report.departments.flatMap((department) => department.agents.flatMap((agent) => agent.months.map((month) => ({ department, agent, month }))));
  return toCsv(rows, [
    { header: "department", value: ({ department }) => department.name },
    { header: "agent_id", value: ({ agent }) => agent.agentId },
    { header: "agent", value: ({ agent }) => agent.name },
    { header: `month (${report.timeZone})`, value: ({ month }) => month.month },
    ...figureColumns<{ month: RoiMonth }>(report, ({ month }) => month),
    { header: "outcomes", value: ({ month }) => outcomesText(month, report.currency) },
  ]);
}

/** One row per department, over the whole range: the cross-department comparison. */
export function departmentComparisonCsv(report: RoiReport): string {
  return toCsv(report.departments, [
    { header: "department_id", value: (d) => d.departmentId },
    { header: "department", value: (d) => d.name },
    { header: "from_month", value: () => report.fromMonth },
    { header: "to_month", value: () => report.toMonth },
    ...figureColumns<Department>(report, (d) => d.total),
  ]);
}

export const ROI_TABLES = { months: departmentMonthsCsv, agents: agentMonthsCsv, comparison: departmentComparisonCsv } as const;
export type RoiTable = keyof typeof ROI_TABLES;
