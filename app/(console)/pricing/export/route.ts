import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { ratesCsv } from "../rates-csv";

/** The rates of the price book in force, as CSV. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const [org, catalog] = await Promise.all([api.org.get(), api.pricing.list()]);
    return { filename: `prices-v${catalog.current?.version ?? "none"}.csv`, csv: ratesCsv(catalog, org.timeZone) };
  });
}
