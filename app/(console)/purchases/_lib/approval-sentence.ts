import { formatMoney } from "@/app/_lib/format";
import type { PurchaseQuote } from "./purchase-labels";

/** What the purchase will need: nothing, one finance approval, or two from different people. */
export function approvalSentence(quote: PurchaseQuote): string {
  const { approvers, thresholdMinor, secondThresholdMinor } = quote.approval;
  const money = (minor: number | null) => (minor === null ? "" : formatMoney(minor, quote.currency));
  if (approvers === 2) return `At or above ${money(secondThresholdMinor)}, two different finance members must approve it before the invoice is issued.`;
  if (approvers === 1) return `At or above ${money(thresholdMinor)}, finance must approve it before the invoice is issued.`;
  return thresholdMinor === null
    ? "No approval needed: the invoice is issued at once."
    : `Below the approval threshold of ${money(thresholdMinor)}: the invoice is issued at once.`;
}
