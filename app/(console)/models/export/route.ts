import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { modelComparisonCsv } from "../models-csv";
import { readModelsFilter } from "../models-filter";

/** The model comparison as CSV, with the page's window and task type; reports.models limits what the member sees. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const filter = readModelsFilter(Object.fromEntries(new URL(request.url).searchParams));
    const comparison = await api.reports.models({ days: filter.days, taskType: filter.taskType });
    return { filename: `model-comparison-${filter.days}d.csv`, csv: modelComparisonCsv(comparison) };
  });
}
