import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { todayInZone } from "@/app/_components/filters/zoned-dates";
import { grantsCsv } from "../grants-csv";

/** Every grant as CSV; credits.grants refuses anyone but administrators and finance. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const [org, grants] = await Promise.all([api.org.get(), api.credits.grants()]);
    return { filename: `grants-${todayInZone(org.timeZone)}.csv`, csv: grantsCsv(grants, org.timeZone) };
  });
}
