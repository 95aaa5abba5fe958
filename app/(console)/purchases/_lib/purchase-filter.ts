import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { addDays, isCalendarDay, startOfDayInZone } from "@/app/_components/filters/zoned-dates";
import { isPurchaseSource, isPurchaseStatus, type PurchaseRow, type PurchaseSource, type PurchaseStatus } from "./purchase-labels";

/** The most purchases purchases.list answers; the page and its CSV say so when they reach it. */
export const PURCHASES_SHOWN = 1_000;

/** The purchase history's filters as they appear in the query string (the same names on the page and its export). */
export interface PurchaseFilterValues {
  status?: PurchaseStatus;
  source?: PurchaseSource;
  /** Calendar days in the organisation's time zone, both included. */
  from?: string;
  to?: string;
}

/** Reads the filters; values a hand-edited link got wrong are ignored. The status is asked of the server, the rest is applied here. */
export function readPurchaseFilter(searchParams: SearchParams, timeZone: string) {
  const status = param(searchParams, "status");
  const source = param(searchParams, "source");
  const from = param(searchParams, "from");
  const to = param(searchParams, "to");
  const values: PurchaseFilterValues = {
    status: isPurchaseStatus(status) ? status : undefined,
    source: isPurchaseSource(source) ? source : undefined,
    from: from && isCalendarDay(from) ? from : undefined,
    to: to && isCalendarDay(to) ? to : undefined,
  };
  const start = values.from ? startOfDayInZone(values.from, timeZone).getTime() : -Infinity;
  const end = values.to ? startOfDayInZone(addDays(values.to, 1), timeZone).getTime() : Infinity;
  return {
    values,
    listInput: { status: values.status, limit: PURCHASES_SHOWN },
    active: Object.values(values).some(Boolean),
    matches: (row: PurchaseRow) => (!values.source || row.source === values.source) && new Date(row.createdAt).getTime() >= start && new Date(row.createdAt).getTime() < end,
  };
}
