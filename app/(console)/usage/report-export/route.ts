import { TRPCError } from "@trpc/server";
import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { todayInZone } from "@/app/_components/filters/zoned-dates";
import { readDashboardFilter } from "../dashboard-filter";
import { REPORT_TABLES, reportCsv, type ReportTable } from "../report-csv";
import { USAGE_FILTER_LABELS } from "../usage-filter";

/** A table of the usage dashboard as CSV (`table`: breakdown, users, agents or series), with the page's filters. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const org = await api.org.get();
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const table = (REPORT_TABLES as readonly string[]).includes(params.table ?? "") ? (params.table as ReportTable) : null;
    const { input, invalid } = readDashboardFilter(params, org.timeZone);
    if (!table) throw new TRPCError({ code: "BAD_REQUEST", message: `Name a table: ${REPORT_TABLES.join(", ")}` });
    if (invalid.length > 0) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Malformed filter values: ${invalid.map((key) => USAGE_FILTER_LABELS[key]).join(", ")}` });
    }
    const report = await api.reports.usage({ ...input, limit: 500 });
    return { filename: `usage-${table}-${report.range.from}-${report.range.to}-${todayInZone(org.timeZone)}.csv`, csv: reportCsv(report, table) };
  });
}
