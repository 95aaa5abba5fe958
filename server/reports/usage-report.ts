import { z } from "zod";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { invalidInput } from "../lib/errors";
import { addDays, reportClock } from "./report-clock";
import {
  DIMENSIONS,
  GRANULARITIES,
  MAX_HOURLY_DAYS,
  reportFilterSchema,
  spendBreakdown,
  spendSeries,
  sumMeasures,
  type BreakdownRow,
  type Dimension,
  type SeriesPoint,
  type SpendMeasures,
} from "./rollups";

const localDate = z.iso.date();

export const usageReportInputSchema = z.object({
  /** First and last calendar day, in the organisation's zone; default: the 30 days up to today (2 for hourly). */
  from: localDate.optional(),
  to: localDate.optional(),
  granularity: z.enum(GRANULARITIES).default("day"),
  /** Split the series (and the breakdown table) by this dimension; default: one series, table by agent. */
  breakdown: z.enum(DIMENSIONS).optional(),
  filter: reportFilterSchema.default({}),
  /** How many breakdown values get their own series (the rest are summed as "other"). */
  seriesTop: z.number().int().min(1).max(20).default(8),
  /** Rows of the breakdown table and of each top-spenders list. */
  limit: z.number().int().min(1).max(500).default(50),
});
export type UsageReportInput = z.input<typeof usageReportInputSchema>;

export interface UsageReport {
  timeZone: string;
  /** The database's clock when the report was read (for "updated N s ago"). */
  generatedAt: string;
  range: { from: string; to: string };
  granularity: (typeof GRANULARITIES)[number];
  breakdownBy: Dimension;
  totals: SpendMeasures;
  series: SeriesPoint[];
  breakdown: BreakdownRow[];
  topSpenders: { users: BreakdownRow[]; agents: BreakdownRow[] };
}

/**
 * The usage dashboard's figures, from the rollups: spend over time per bucket (split by one
 * dimension), a table by that dimension, totals and the top spending users and agents — all
 * restricted to what the principal may see, with the same filters.
 */
export async function usageReport(db: DbOrTx, principal: Principal, input: UsageReportInput): Promise<UsageReport> {
  const query = usageReportInputSchema.parse(input);
  const clock = await reportClock(db, principal.orgId);
  const to = query.to ?? clock.today;
  const from = query.from ?? addDays(to, query.granularity === "hour" ? -1 : -29);
  if (from > to) throw invalidInput("`from` must not be after `to`");
  if (query.granularity === "hour" && from < addDays(to, -(MAX_HOURLY_DAYS - 1))) {
    throw invalidInput(`Hourly reports cover at most ${MAX_HOURLY_DAYS} days; choose day, week or month`);
  }
  const range = { from, to };
  const breakdownBy = query.breakdown ?? "agent";
  const { filter, limit } = query;
  const [series, breakdown, users, agents] = await Promise.all([
    spendSeries(db, principal, { range, granularity: query.granularity, breakdown: query.breakdown, filter, top: query.seriesTop }),
    spendBreakdown(db, principal, { range, by: breakdownBy, filter, limit }),
    spendBreakdown(db, principal, { range, by: "user", filter, limit: Math.min(limit, 10) }),
    spendBreakdown(db, principal, { range, by: "agent", filter, limit: Math.min(limit, 10) }),
  ]);
  return {
    timeZone: clock.timeZone,
    // Every bucket of every series (the "other" one included) sums to the totals: no extra scan.
    totals: sumMeasures(series),
    generatedAt: clock.now.toISOString(),
    range,
    granularity: query.granularity,
    breakdownBy,
    series,
    breakdown,
    topSpenders: { users, agents },
  };
}
