import { formatIsoInZone } from "@/app/_lib/format";
import { toCsv } from "@/server/lib/csv";
import { formatScaled, toScaledInteger } from "@/server/lib/decimal";
import type { listOutcomes } from "@/server/outcomes/list-outcomes";
import type { listMetrics } from "@/server/outcomes/metrics";
import { currencyMinorDigits } from "../admin/_lib/currency";

type OutcomeRow = Awaited<ReturnType<typeof listOutcomes>>[number];
type MetricRow = Awaited<ReturnType<typeof listMetrics>>[number];

/** Recorded outcomes: exact quantities and values (minor units beside major), times in the organisation's zone. */
export function outcomesCsv(rows: OutcomeRow[], currency: string, timeZone: string): string {
  const digits = currencyMinorDigits(currency);
  return toCsv(rows, [
    { header: "id", value: (r) => r.id },
    { header: `occurred_at (${timeZone})`, value: (r) => formatIsoInZone(r.occurredAt, timeZone) },
    { header: "department", value: (r) => r.department },
    { header: "metric", value: (r) => r.metricSlug },
    { header: "unit", value: (r) => r.unit },
    { header: "quantity", value: (r) => formatScaled(r.quantityMicros, 6) },
    { header: "agent", value: (r) => r.agent ?? "" },
    { header: `value_per_unit_${currency}`, value: (r) => formatScaled(r.valuePerUnitMinor, digits) },
    { header: `value_${currency}`, value: (r) => formatScaled(toScaledInteger(r.valueMinor, 6, "value"), digits + 6) },
    { header: "value_minor_exact", value: (r) => r.valueMinor },
    { header: "source", value: (r) => r.source },
    { header: "idempotency_key", value: (r) => r.idempotencyKey },
    { header: "note", value: (r) => r.note ?? "" },
  ]);
}

/** The outcome metrics and their value per unit. */
export function metricsCsv(rows: MetricRow[], currency: string): string {
  const digits = currencyMinorDigits(currency);
  return toCsv(rows, [
    { header: "id", value: (m) => m.id },
    { header: "department", value: (m) => m.department },
    { header: "slug", value: (m) => m.slug },
    { header: "name", value: (m) => m.name },
    { header: "unit", value: (m) => m.unit },
    { header: `value_per_unit_${currency}`, value: (m) => formatScaled(m.valuePerUnitMinor, digits) },
    { header: "value_per_unit_minor", value: (m) => m.valuePerUnitMinor },
    { header: "archived", value: (m) => m.archivedAt !== null },
  ]);
}
