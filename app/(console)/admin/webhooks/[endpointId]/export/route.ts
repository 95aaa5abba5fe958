import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { formatIsoInZone } from "@/app/_lib/format";
import { toCsv } from "@/server/lib/csv";

/** Every attempt at one endpoint as CSV; the webhooks procedures refuse anyone but administrators. */
export async function GET(request: Request, { params }: { params: Promise<{ endpointId: string }> }) {
  const { endpointId } = await params;
  return memberCsvExport(request, async (api) => {
    const [org, attempts] = await Promise.all([api.org.get(), api.webhooks.attempts({ endpointId })]);
    const csv = toCsv(attempts, [
      { header: `attempted_at (${org.timeZone})`, value: (a) => formatIsoInZone(a.createdAt, org.timeZone) },
      { header: "event_type", value: (a) => a.eventType },
      { header: "event_id", value: (a) => a.eventId },
      { header: "delivery_id", value: (a) => a.messageId },
      { header: "status_code", value: (a) => a.statusCode },
      { header: "duration_ms", value: (a) => a.durationMs },
      { header: "error", value: (a) => a.error },
      { header: "response_excerpt", value: (a) => a.responseExcerpt },
    ]);
    return { filename: `webhook-attempts-${endpointId}.csv`, csv };
  });
}
