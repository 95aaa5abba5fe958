import { TRPCError } from "@trpc/server";
import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { todayInZone } from "@/app/_components/filters/zoned-dates";
import { readUsageFilter, USAGE_FILTER_LABELS } from "../usage-filter";
import { usageCsv } from "../usage-csv";

/** The usage page's rows as CSV: the same query-string filters, every page. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const org = await api.org.get();
    const { input, invalid } = readUsageFilter(Object.fromEntries(new URL(request.url).searchParams), org.timeZone);
    // The page can show a note beside its rows; a file cannot, so a filter it cannot apply is refused.
    if (invalid.length > 0) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Malformed filter values: ${invalid.map((key) => USAGE_FILTER_LABELS[key]).join(", ")}` });
    }
    const { csv, truncatedAt } = await usageCsv((page) => api.usage.list(page), input, org.timeZone);
    return { filename: `usage-${todayInZone(org.timeZone)}.csv`, csv, truncatedAt };
  });
}
