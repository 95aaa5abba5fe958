import { formatIsoInZone } from "@/app/_lib/format";
import type { RouterInputs } from "@/server/api/root";
import { toCsv, type CsvColumn } from "@/server/lib/csv";
import { formatScaled } from "@/server/lib/decimal";
import type { UsageEvent } from "./usage-table";

type UsageListInput = NonNullable<RouterInputs["usage"]["list"]>;

/** An export stops here; past it a spreadsheet is the wrong tool (narrow the dates instead). */
export const USAGE_EXPORT_ROW_CAP = 200_000;
const PAGE_SIZE = 500;

function columns(timeZone: string): CsvColumn<UsageEvent>[] {
  return [
    { header: "id", value: (e) => e.id },
    { header: "idempotency_key", value: (e) => e.idempotencyKey },
    { header: `occurred_at (${timeZone})`, value: (e) => formatIsoInZone(e.occurredAt, timeZone) },
    { header: `recorded_at (${timeZone})`, value: (e) => formatIsoInZone(e.recordedAt, timeZone) },
    { header: "kind", value: (e) => e.kind },
    { header: "model_or_operation", value: (e) => e.item },
    { header: "price_version", value: (e) => e.priceVersion },
    { header: "input_tokens", value: (e) => e.inputTokens },
    { header: "output_tokens", value: (e) => e.outputTokens },
    { header: "cached_input_tokens", value: (e) => e.cachedInputTokens },
    { header: "cache_write_tokens", value: (e) => e.cacheWriteTokens },
    { header: "quantity", value: (e) => formatScaled(e.quantityMicros, 6) },
    { header: "quantity_micros", value: (e) => e.quantityMicros },
    { header: "cost_credits", value: (e) => formatScaled(e.costMicros, 6) },
    { header: "cost_micros", value: (e) => e.costMicros },
    { header: "charged_credits", value: (e) => formatScaled(e.chargedMicros, 6) },
    { header: "charged_micros", value: (e) => e.chargedMicros },
    { header: "department", value: (e) => e.department },
    { header: "department_id", value: (e) => e.departmentId },
    { header: "project", value: (e) => e.project },
    { header: "project_id", value: (e) => e.projectId },
    { header: "agent", value: (e) => e.agent },
    { header: "agent_id", value: (e) => e.agentId },
    { header: "user", value: (e) => e.userRef },
    { header: "task_type", value: (e) => e.taskType },
    { header: "workflow", value: (e) => e.workflow },
    { header: "outcome_ref", value: (e) => e.outcomeRef },
    { header: "reservation_id", value: (e) => e.reservationId },
  ];
}

/**
 * Every event matching `filter` (not only the page on screen), newest first, through usage.list —
 * so the file holds exactly what the member may see — up to USAGE_EXPORT_ROW_CAP rows.
 */
export async function usageCsv(
  list: (input: UsageListInput) => Promise<{ events: UsageEvent[]; nextCursor: string | null }>,
  filter: Omit<UsageListInput, "cursor" | "limit">,
  timeZone: string,
): Promise<{ csv: string; truncatedAt?: number }> {
  const events: UsageEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ ...filter, cursor, limit: PAGE_SIZE });
    events.push(...page.events);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && events.length < USAGE_EXPORT_ROW_CAP);
  const truncated = cursor !== undefined || events.length > USAGE_EXPORT_ROW_CAP;
  return { csv: toCsv(events.slice(0, USAGE_EXPORT_ROW_CAP), columns(timeZone)), truncatedAt: truncated ? USAGE_EXPORT_ROW_CAP : undefined };
}
