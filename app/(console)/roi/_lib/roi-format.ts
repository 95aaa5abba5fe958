import { formatScaled } from "@/server/lib/decimal";

/** ROI in basis points as a percentage, exact to 0.01 % ("83.35 %"); a dash when nothing was spent. */
export const formatRoi = (bps: number | null) => (bps === null ? "—" : `${formatScaled(bps, 2).replace("-", "−")} %`);

/** A month key as people read it: "2026-09" → "Sep 2026". */
export function formatMonth(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

/** A quantity in millionths of a unit, exact ("12.5"). */
export const formatUnits = (quantityMicros: number) => formatScaled(quantityMicros, 6);
