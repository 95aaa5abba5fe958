import type { DbOrTx } from "../../db/transaction";
import { invalidInput } from "../lib/errors";
import type { QuoteInput } from "./purchase-input";
import { creditsForAmount, MICROS_PER_CREDIT } from "./quote-math";
import { buildQuote, unitPrice, type PurchaseQuote, type QuoteContext } from "./quote-view";
import { getPurchaseSettings, quoteContextOf } from "./settings";

/**
 * The quote for credits, or for an amount of money: the largest whole number of credits whose
 * total (discounts and tax included) does not exceed it.
 */
export function quoteFor(context: QuoteContext, input: Pick<QuoteInput, "creditsMicros" | "amountMinor" | "annualPrepay">): PurchaseQuote {
  if (input.creditsMicros !== undefined) return buildQuote(context, input.creditsMicros, input.annualPrepay);
  const { amountMinor } = input;
  if (amountMinor === undefined) throw invalidInput("Give either creditsMicros or amountMinor");
  const credits = creditsForAmount(context.rules, amountMinor, input.annualPrepay);
  if (credits === 0) {
    throw invalidInput(`This amount does not buy a whole credit (the list price is ${unitPrice(context.rules.listPriceMinorPerMillion, context.rules.currency)} a credit)`, {
      amountMinor,
    });
  }
  return buildQuote(context, credits * MICROS_PER_CREDIT, input.annualPrepay, amountMinor);
}

export async function quotePurchase(db: DbOrTx, orgId: string, input: QuoteInput): Promise<PurchaseQuote> {
  return quoteFor(quoteContextOf(await getPurchaseSettings(db, orgId)), input);
}
