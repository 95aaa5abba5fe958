import { parseScaled } from "@/app/_lib/scaled-decimal";
import type { RouterInputs } from "@/server/api/root";
import { currencyMinorDigits } from "../../admin/_lib/currency";

/** A purchase is asked for as a number of credits, or as an amount of money (the most whole credits it buys). */
export type AmountBasis = "credits" | "money";

export interface PurchaseAmountFields {
  by: string;
  /** What the person typed, in credits or in the currency's major units. */
  amount: string;
  annual: boolean;
}

/** The procedures name the amount by unit; the buy form has one field for either. */
export const AMOUNT_FIELD_NAMES = { creditsMicros: "amount", amountMinor: "amount", annualPrepay: "annual" };

type AmountInput = Pick<RouterInputs["purchases"]["quote"], "creditsMicros" | "amountMinor" | "annualPrepay">;

/** The typed amount as purchases.quote and purchases.create take it, exactly, or the message for the field. */
export function readPurchaseAmount(fields: PurchaseAmountFields, currency: string): { input: AmountInput } | { fieldErrors: Record<string, string> } {
  const byMoney = fields.by === "money";
  if (!fields.amount) return { fieldErrors: { amount: byMoney ? `Enter an amount in ${currency}` : "Enter how many credits to buy" } };
  const parsed = byMoney ? parseScaled(fields.amount, currencyMinorDigits(currency), "The amount") : parseScaled(fields.amount, 6, "The number of credits");
  if ("error" in parsed) return { fieldErrors: { amount: parsed.error } };
  if (parsed.value <= 0) return { fieldErrors: { amount: "Enter more than zero" } };
  return { input: byMoney ? { amountMinor: parsed.value, annualPrepay: fields.annual } : { creditsMicros: parsed.value, annualPrepay: fields.annual } };
}
