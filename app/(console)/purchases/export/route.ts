import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { todayInZone } from "@/app/_components/filters/zoned-dates";
import { PURCHASES_SHOWN, readPurchaseFilter } from "../_lib/purchase-filter";
import { purchasesCsv } from "../purchases-csv";

/** The purchase history as CSV, with the page's filters; purchases.list decides whose purchases the member sees. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const org = await api.org.get();
    const filter = readPurchaseFilter(Object.fromEntries(new URL(request.url).searchParams), org.timeZone);
    const rows = await api.purchases.list(filter.listInput);
    return {
      filename: `purchases-${todayInZone(org.timeZone)}.csv`,
      csv: purchasesCsv(rows.filter(filter.matches), org.timeZone),
      truncatedAt: rows.length >= PURCHASES_SHOWN ? PURCHASES_SHOWN : undefined,
    };
  });
}
