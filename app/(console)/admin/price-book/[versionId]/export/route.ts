import { formatScaled } from "@/server/lib/decimal";
import { csvResponse, toCsv, type CsvColumn } from "@/server/lib/csv";
import { errorStatus, routeApi } from "../../../_lib/route-api";

interface RateRow {
  kind: "model" | "operation";
  name: string;
  provider?: string;
  mode?: string;
  unit?: string;
  description?: string;
  /** Micro-credits per 1M tokens (models) or per unit (operations). */
  input?: number;
  output?: number;
  cachedInput?: number;
  cacheWrite?: number;
  perUnit?: number;
}

const credits = (micros: number | undefined) => (micros === undefined ? null : formatScaled(micros, 6));

/** Exact decimal credits; cached-input and cache-write show the rate billed, the input rate when none is set. */
const COLUMNS: CsvColumn<RateRow>[] = [
  { header: "kind", value: (row) => row.kind },
  { header: "name", value: (row) => row.name },
  { header: "provider", value: (row) => row.provider },
  { header: "mode", value: (row) => row.mode },
  { header: "input_credits_per_1m_tokens", value: (row) => credits(row.input) },
  { header: "output_credits_per_1m_tokens", value: (row) => credits(row.output) },
  { header: "cached_input_credits_per_1m_tokens", value: (row) => credits(row.cachedInput) },
  { header: "cache_write_credits_per_1m_tokens", value: (row) => credits(row.cacheWrite) },
  { header: "unit", value: (row) => row.unit },
  { header: "credits_per_unit", value: (row) => credits(row.perUnit) },
  { header: "description", value: (row) => row.description },
];

const REFUSALS: Record<number, string> = {
  400: "No such price version.",
  401: "Sign in to export the price book.",
  403: "Only administrators and finance can export the price book.",
  404: "No such price version.",
};

/** A version's rates as CSV, for finance's spreadsheets. */
export async function GET(request: Request, { params }: { params: Promise<{ versionId: string }> }): Promise<Response> {
  const { versionId } = await params;
  try {
    const api = await routeApi(request);
    const version = await api.pricing.version({ versionId });
    const rows: RateRow[] = [
      ...version.models.map((model) => ({
        kind: "model" as const,
        name: model.model,
        provider: model.provider,
        mode: model.mode,
        input: model.inputMicrosPerMillionTokens,
        output: model.outputMicrosPerMillionTokens,
        cachedInput: model.cachedInputMicrosPerMillionTokens ?? model.inputMicrosPerMillionTokens,
        cacheWrite: model.cacheWriteMicrosPerMillionTokens ?? model.inputMicrosPerMillionTokens,
      })),
      ...version.operations.map((operation) => ({
        kind: "operation" as const,
        name: operation.operation,
        unit: operation.unit,
        description: operation.description,
        perUnit: operation.microsPerUnit,
      })),
    ];
    const label = version.version === null ? `draft-${version.id.slice(0, 8)}` : `v${version.version}`;
    return csvResponse(`price-book-${label}.csv`, toCsv(rows, COLUMNS));
  } catch (error) {
    const status = errorStatus(error);
    if (status === 500) console.error("[price-book export] failed", error);
    return new Response(REFUSALS[status] ?? "The export failed.", { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
