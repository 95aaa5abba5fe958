import { and, eq, sql } from "drizzle-orm";
import { organizations, purchases } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { CommitmentMonth, CommitmentShortfall } from "./purchase-views";
import { addMonths, getPurchaseSettings } from "./settings";

/** The months of a contract, "2026-04" … */
export const contractMonths = (startMonth: string, months: number) => Array.from({ length: months }, (_, index) => addMonths(startMonth, index));

/**
 * Each month of a contract: the minimum, what was purchased (net of discounts, before tax) by the
 * purchases paid that month, and the shortfall max(0, minimum − purchased). A month is "past",
 * "current" or "upcoming" by the organisation's calendar.
 */
export function shortfallByMonth(
  contract: { monthlyMinimumMinor: number; startMonth: string; months: number },
  purchasedByMonth: ReadonlyMap<string, number>,
  currentMonth: string,
): CommitmentMonth[] {
  return contractMonths(contract.startMonth, contract.months).map((month) => {
    const purchasedMinor = purchasedByMonth.get(month) ?? 0;
    return {
      month,
      minimumMinor: contract.monthlyMinimumMinor,
      purchasedMinor,
      shortfallMinor: Math.max(0, contract.monthlyMinimumMinor - purchasedMinor),
      status: month < currentMonth ? "past" : month === currentMonth ? "current" : "upcoming",
    };
  });
}

/** `purchases.commitmentShortfall`: the organisation's committed-use contract, month by month. */
export async function commitmentShortfall(db: DbOrTx, orgId: string): Promise<CommitmentShortfall> {
  const settings = await getPurchaseSettings(db, orgId);
  const contract = settings.commitment;
  if (!contract) return { currency: settings.currency, contract: null, months: [], pastShortfallMinor: 0, currentShortfallMinor: 0 };
  const paidMonth = sql<string>`to_char(${purchases.paidAt} AT TIME ZONE (SELECT ${organizations.timeZone} FROM ${organizations} WHERE ${organizations.id} = ${orgId}), 'YYYY-MM')`;
  const rows = await db
    .select({ month: paidMonth, purchased: sql<string>`sum(${purchases.netMinor})` })
    .from(purchases)
    .where(and(eq(purchases.orgId, orgId), eq(purchases.status, "paid"), sql`${paidMonth} BETWEEN ${contract.startMonth} AND ${contract.endMonth}`))
    .groupBy(sql`1`);
  const months = shortfallByMonth(contract, new Map(rows.map((row) => [row.month, Number(row.purchased)])), settings.currentMonth);
  const sum = (status: CommitmentMonth["status"]) => months.filter((m) => m.status === status).reduce((total, m) => total + m.shortfallMinor, 0);
  return { currency: settings.currency, contract, months, pastShortfallMinor: sum("past"), currentShortfallMinor: sum("current") };
}
