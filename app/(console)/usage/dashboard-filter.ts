import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { addDays } from "@/app/_components/filters/zoned-dates";
import type { RouterInputs } from "@/server/api/root";
import type { ReportFilter } from "@/server/reports/rollups";
import { DIMENSIONS, GRANULARITIES, type Dimension, type Granularity } from "@/server/reports/dimensions";
import { readUsageFilter, type UsageFilterKey, type UsageFilterValues } from "./usage-filter";

export const DIMENSION_LABELS: Record<Dimension, string> = {
  department: "Department",
  project: "Project",
  agent: "Agent",
  user: "User",
  model: "Model or operation",
  kind: "Kind",
  taskType: "Task type",
  workflow: "Workflow",
};

/** Which events-list filter narrows to one value of a dimension (kind has none). */
export const EVENT_FILTER_OF: Record<Dimension, UsageFilterKey | null> = {
  department: "departmentId",
  project: "projectId",
  agent: "agentId",
  user: "user",
  model: "item",
  kind: null,
  taskType: "taskType",
  workflow: "workflow",
};

export type DashboardValues = UsageFilterValues & { granularity?: Granularity; by?: Dimension };

const isGranularity = (value: string | undefined): value is Granularity => GRANULARITIES.includes(value as Granularity);
const isDimension = (value: string | undefined): value is Dimension => DIMENSIONS.includes(value as Dimension);

/**
 * The dashboard's query string: the events list's filters (same names, so a drill-down carries
 * them over) plus `granularity` and `by` (the breakdown). Malformed values are dropped and named.
 */
export function readDashboardFilter(searchParams: SearchParams, timeZone: string) {
  const { values: eventValues, invalid } = readUsageFilter(searchParams, timeZone);
  const values: DashboardValues = { ...eventValues };
  const granularity = param(searchParams, "granularity");
  const by = param(searchParams, "by");
  if (isGranularity(granularity)) values.granularity = granularity;
  if (isDimension(by)) values.by = by;
  const filter: ReportFilter = {};
  const one = (value: string | undefined) => (value ? [value] : undefined);
  filter.department = one(values.departmentId);
  filter.project = one(values.projectId);
  filter.agent = one(values.agentId);
  filter.model = one(values.item);
  filter.user = one(values.user);
  filter.taskType = one(values.taskType);
  filter.workflow = one(values.workflow);
  const input: Exclude<RouterInputs["reports"]["usage"], void | undefined> = {
    from: values.from,
    to: values.to,
    granularity: values.granularity ?? "day",
    breakdown: values.by,
    filter,
  };
  return { values, input, invalid, active: Object.keys(eventValues).length > 0 };
}

/**
 * The events behind a figure: the dashboard's filters, narrowed to one value of a dimension and to
 * the days of a bucket when given (an hour drills down to its day, the events list's finest grain).
 */
export function eventsHref(values: DashboardValues, narrow: { by?: Dimension; key?: string | null; from?: string; to?: string } = {}): string {
  const { granularity: _granularity, by: _by, ...filters } = values;
  const query: Record<string, string | undefined> = { ...filters };
  const filterKey = narrow.by ? EVENT_FILTER_OF[narrow.by] : null;
  if (filterKey && narrow.key) query[filterKey] = narrow.key;
  if (narrow.from) query.from = narrow.from;
  if (narrow.to) query.to = narrow.to;
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return search ? `/usage/events?${search}` : "/usage/events";
}

/** The calendar days [from, to] a bucket of the series covers (an hour's day for hour buckets). */
export function bucketDays(bucket: string, granularity: Granularity): { from: string; to: string } {
  const day = bucket.slice(0, 10);
  switch (granularity) {
    case "hour":
    case "day":
      return { from: day, to: day };
    case "week":
      return { from: day, to: addDays(day, 6) };
    case "month": {
      const [year, month] = day.split("-").map(Number) as [number, number];
      return { from: day, to: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
    }
  }
}
