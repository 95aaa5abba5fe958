import { and, eq, sql } from "drizzle-orm";
import { purchases } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { divide } from "../lib/decimal";

/**
 * The organisation's effective credit price for a month: what it paid per credit, as the exact
 * ratio minor units ÷ micro-credits.
 *
 * - From purchases: Σ net amount (after volume, commitment and annual discounts, before tax) ÷ Σ
 *   credits over every purchase paid before the month ended — the average price of the credits
 *   bought so far, so a month's cost does not change when a later purchase is paid.
 * - Without a paid purchase by then: the list price (organizations.creditPriceMinorPerMillion,
 *   minor units per 1,000,000 credits = per 10¹² micro-credits).
 */
export interface CreditPrice {
  source: "purchases" | "list";
  /** Minor units … */
  minor: bigint;
  /** … per this many micro-credits. */
  perMicros: bigint;
}

export const listCreditPrice = (creditPriceMinorPerMillion: number): CreditPrice => ({
  source: "list",
  minor: BigInt(creditPriceMinorPerMillion),
  perMicros: 1_000_000_000_000n,
});

/** Money for `micros` credits at `price`, rounded half-up to a minor unit. */
export const moneyForCredits = (micros: number | bigint, price: CreditPrice): bigint => divide(BigInt(micros) * price.minor, price.perMicros, "halfUp");

/** The price for each month of `months` (YYYY-MM, ascending), per the rule above. */
export async function monthlyCreditPrices(
  db: DbOrTx,
  params: { orgId: string; timeZone: string; creditPriceMinorPerMillion: number; months: string[] },
): Promise<Map<string, CreditPrice>> {
  const paid = await db
    .select({
      month: sql<string>`to_char(${purchases.paidAt} AT TIME ZONE ${params.timeZone}, 'YYYY-MM')`,
      netMinor: sql<string>`sum(${purchases.netMinor})::text`,
      creditsMicros: sql<string>`sum(${purchases.creditsMicros})::text`,
    })
    .from(purchases)
    .where(and(eq(purchases.orgId, params.orgId), eq(purchases.status, "paid")))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  const prices = new Map<string, CreditPrice>();
  let minor = 0n;
  let micros = 0n;
  let next = 0;
  for (const month of params.months) {
    while (next < paid.length && paid[next]!.month <= month) {
      minor += BigInt(paid[next]!.netMinor);
      micros += BigInt(paid[next]!.creditsMicros);
      next++;
    }
    prices.set(month, micros > 0n ? { source: "purchases", minor, perMicros: micros } : listCreditPrice(params.creditPriceMinorPerMillion));
  }
  return prices;
}
