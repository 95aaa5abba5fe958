import type { RouterOutputs } from "@/server/api/root";
import { bucketDays, eventsHref, type DashboardValues } from "./dashboard-filter";
import type { SpendChartData } from "./spend-chart";

type Report = RouterOutputs["reports"]["usage"];

export const NOT_ATTRIBUTED = "Not attributed";
export const OTHER = "Other";

const seriesId = (point: Report["series"][number]) => (point.other ? "\u0000other" : (point.key ?? "\u0000none"));

/** Each series' display name: one "Credits" series unsplit; else a value's label (or itself), "Not attributed", "Other" — made distinct. */
function seriesNames(report: Report, split: boolean): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const point of report.series) {
    if (names.has(seriesId(point))) continue;
    let name = !split ? "Credits" : point.other ? OTHER : point.key === null ? NOT_ATTRIBUTED : (point.label ?? point.key);
    while (used.has(name)) name = `${name} ·`;
    used.add(name);
    names.set(seriesId(point), name);
  }
  return names;
}

/** The report's series as chart rows (credits, for display only) with a drill-down link per bar. */
export function spendChartData(report: Report, values: DashboardValues, split: boolean): SpendChartData {
  const names = seriesNames(report, split);
  const rows = new Map<string, Record<string, string | number>>();
  const drill: Record<string, string> = {};
  for (const point of report.series) {
    const name = names.get(seriesId(point))!;
    const row = rows.get(point.bucket) ?? { bucket: point.bucket };
    row[name] = point.chargedMicros / 1_000_000;
    rows.set(point.bucket, row);
    const days = bucketDays(point.bucket, report.granularity);
    // "Other" and "not attributed" drill down to the bucket's events with the dashboard's filters.
    drill[`${point.bucket}|${name}`] = eventsHref(values, { ...days, by: split && !point.other ? report.breakdownBy : undefined, key: point.key });
  }
  return { rows: [...rows.values()], series: [...new Set(names.values())], drill };
}
