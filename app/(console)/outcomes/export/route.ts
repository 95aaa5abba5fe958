import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { todayInZone } from "@/app/_components/filters/zoned-dates";
import { metricsCsv, outcomesCsv } from "../outcomes-csv";

const OUTCOME_EXPORT_ROW_CAP = 5_000;

/** Recorded outcomes (?table=outcomes, the newest 5,000) or the metrics (?table=metrics) as CSV; the procedures limit what the member sees. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const table = new URL(request.url).searchParams.get("table") === "metrics" ? "metrics" : "outcomes";
    const org = await api.org.get();
    if (table === "metrics") {
      return { filename: `outcome-metrics-${todayInZone(org.timeZone)}.csv`, csv: metricsCsv(await api.outcomes.metrics({ includeArchived: true }), org.currency) };
    }
    const rows = await api.outcomes.list({ limit: OUTCOME_EXPORT_ROW_CAP });
    return {
      filename: `outcomes-${todayInZone(org.timeZone)}.csv`,
      csv: outcomesCsv(rows, org.currency, org.timeZone),
      truncatedAt: rows.length === OUTCOME_EXPORT_ROW_CAP ? OUTCOME_EXPORT_ROW_CAP : undefined,
    };
  });
}
