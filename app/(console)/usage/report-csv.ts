import type { RouterOutputs } from "@/server/api/root";
import { toCsv } from "@/server/lib/csv";
import { formatScaled } from "@/server/lib/decimal";
import type { Dimension } from "@/server/reports/dimensions";
import { DIMENSION_LABELS } from "./dashboard-filter";

type Report = RouterOutputs["reports"]["usage"];
type Row = Report["breakdown"][number];

export const REPORT_TABLES = ["breakdown", "users", "agents", "series"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

const measureColumns = [
  { header: "events", value: (r: Row) => r.events },
  { header: "charged_credits", value: (r: Row) => formatScaled(r.chargedMicros, 6) },
  { header: "charged_micros", value: (r: Row) => r.chargedMicros },
  { header: "cost_credits", value: (r: Row) => formatScaled(r.costMicros, 6) },
  { header: "cost_micros", value: (r: Row) => r.costMicros },
  { header: "input_tokens", value: (r: Row) => r.inputTokens },
  { header: "cached_input_tokens", value: (r: Row) => r.cachedInputTokens },
  { header: "output_tokens", value: (r: Row) => r.outputTokens },
  { header: "quantity_micros", value: (r: Row) => r.quantityMicros },
];

function rowsCsv(rows: Row[], by: Dimension): string {
  const name = DIMENSION_LABELS[by].toLowerCase().replaceAll(" ", "_");
  return toCsv(rows, [{ header: name, value: (r) => r.label ?? r.key }, { header: `${name}_key`, value: (r) => r.key }, ...measureColumns]);
}

/** One of the dashboard's tables as CSV, exact micro-credits beside credits. */
export function reportCsv(report: Report, table: ReportTable): string {
  switch (table) {
    case "breakdown":
      return rowsCsv(report.breakdown, report.breakdownBy);
    case "users":
      return rowsCsv(report.topSpenders.users, "user");
    case "agents":
      return rowsCsv(report.topSpenders.agents, "agent");
    case "series":
      return toCsv(report.series, [
        { header: `${report.granularity} (${report.timeZone})`, value: (p) => p.bucket },
        { header: "series", value: (p) => (p.other ? "other" : (p.label ?? p.key)) },
        { header: "series_key", value: (p) => p.key },
        ...measureColumns,
      ]);
  }
}
