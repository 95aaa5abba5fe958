import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { addDays, isCalendarDay, startOfDayInZone } from "@/app/_components/filters/zoned-dates";
import type { RouterInputs } from "@/server/api/root";

/** The usage filters, as they appear in the query string (the same names on the page and its export). */
export const USAGE_FILTER_KEYS = ["from", "to", "departmentId", "projectId", "agentId", "item", "user", "taskType", "workflow"] as const;
export type UsageFilterKey = (typeof USAGE_FILTER_KEYS)[number];
export type UsageFilterValues = Partial<Record<UsageFilterKey, string>>;

export const USAGE_FILTER_LABELS: Record<UsageFilterKey, string> = {
  from: "From",
  to: "To",
  departmentId: "Department",
  projectId: "Project",
  agentId: "Agent",
  item: "Model or operation",
  user: "User",
  taskType: "Task type",
  workflow: "Workflow",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT: Partial<Record<UsageFilterKey, number>> = { item: 200, user: 200, taskType: 100, workflow: 100 };

function isValid(key: UsageFilterKey, value: string): boolean {
  if (key === "from" || key === "to") return isCalendarDay(value);
  if (key === "departmentId" || key === "projectId" || key === "agentId") return UUID.test(value);
  return value.length <= (MAX_TEXT[key] ?? 0);
}

/**
 * Reads the filters from the query string: `values` to show in the form and link with, `input`
 * for usage.list. Dates are whole days in the organisation's time zone, both ends included.
 * Malformed values are dropped and named in `invalid`, so a bad link shows a note, not an error.
 */
export function readUsageFilter(searchParams: SearchParams, timeZone: string) {
  const values: UsageFilterValues = {};
  const invalid: UsageFilterKey[] = [];
  for (const key of USAGE_FILTER_KEYS) {
    const value = param(searchParams, key);
    if (value === undefined) continue;
    if (isValid(key, value)) values[key] = value;
    else invalid.push(key);
  }
  const { from, to, ...rest } = values;
  const input: Omit<NonNullable<RouterInputs["usage"]["list"]>, "cursor" | "limit"> = {
    ...rest,
    from: from ? startOfDayInZone(from, timeZone).toISOString() : undefined,
    to: to ? startOfDayInZone(addDays(to, 1), timeZone).toISOString() : undefined,
  };
  return { values, input, invalid, active: Object.keys(values).length > 0 };
}
