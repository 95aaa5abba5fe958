import { creditsAsMoneyDecimal, formatIsoInZone } from "@/app/_lib/format";
import type { createCaller } from "@/server/api/root";
import { toCsv } from "@/server/lib/csv";
import { formatScaled } from "@/server/lib/decimal";

type PriceCatalog = Awaited<ReturnType<ReturnType<typeof createCaller>["pricing"]["list"]>>;

interface RateRow {
  type: "model" | "operation";
  name: string;
  provider: string;
  component: string;
  unit: string;
  micros: number;
}

/**
 * The price book in force as CSV, one row per rate (a model's input, output, cached-input and
 * cache-write rates; an operation's per-unit rate), in credits, micro-credits and money.
 */
export function ratesCsv(catalog: PriceCatalog, timeZone: string): string {
  const current = catalog.current;
  if (!current) return toCsv([], []);
  const rows: RateRow[] = [
    ...current.models.flatMap((m) => {
      const rate = (component: string, micros: number | null) =>
        // A missing cached or cache-write rate means the input rate applies; say so with the number.
        ({ type: "model" as const, name: m.model, provider: m.provider, component, unit: "1M tokens", micros: micros ?? m.inputMicrosPerMillionTokens });
      return [
        rate("input", m.inputMicrosPerMillionTokens),
        rate("output", m.outputMicrosPerMillionTokens),
        rate("cached_input", m.cachedInputMicrosPerMillionTokens),
        rate("cache_write", m.cacheWriteMicrosPerMillionTokens),
      ];
    }),
    ...current.operations.map((o) => ({ type: "operation" as const, name: o.operation, provider: "", component: "per_unit", unit: o.unit, micros: o.microsPerUnit })),
  ];
  const effectiveFrom = current.effectiveFrom ? formatIsoInZone(current.effectiveFrom, timeZone) : "";
  return toCsv(rows, [
    { header: "type", value: (r) => r.type },
    { header: "name", value: (r) => r.name },
    { header: "provider", value: (r) => r.provider },
    { header: "component", value: (r) => r.component },
    { header: "unit", value: (r) => r.unit },
    { header: "credits", value: (r) => formatScaled(r.micros, 6) },
    { header: "micros", value: (r) => r.micros },
    { header: `money_${catalog.currency}`, value: (r) => creditsAsMoneyDecimal(r.micros, catalog.creditPriceMinorPerMillion, catalog.currency) },
    { header: "price_version", value: () => current.version },
    { header: `effective_from (${timeZone})`, value: () => effectiveFrom },
  ]);
}
