import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { readRoiFilter } from "../_lib/roi-filter";
import { ROI_TABLES, type RoiTable } from "../roi-csv";

/** A table of the ROI page as CSV (?table=months|agents|comparison), with the page's filters; reports.roi limits what the member sees. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const table: RoiTable = params.table && params.table in ROI_TABLES ? (params.table as RoiTable) : "months";
    const report = await api.reports.roi(readRoiFilter(params).input);
    return { filename: `roi-${table}-${report.fromMonth}-to-${report.toMonth}.csv`, csv: ROI_TABLES[table](report) };
  });
}
