import { formatCredits, formatMinorExact, formatMoney } from "@/app/_lib/format";
import { approvalSentence } from "../_lib/approval-sentence";
import { QuoteBreakdown } from "../_components/quote-breakdown";
import type { PurchaseQuote } from "../_lib/purchase-labels";

/** The live quote beside the buy form: the headline numbers, whether approval is needed, and the arithmetic. */
export function QuotePanel({ quote, stale }: { quote: PurchaseQuote; stale: boolean }) {
  const saved = quote.savingsExact !== "0" && !quote.savingsExact.startsWith("-");
  return (
    <div className={stale ? "opacity-60 transition-opacity" : undefined}>
      <dl className="grid grid-cols-2 gap-4">
        <div>
          <dt className="text-sm text-gray-500 dark:text-gray-400">Credits</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="quote-credits">
            {formatCredits(quote.creditsMicros)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-gray-500 dark:text-gray-400">Total due</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="quote-total-due">
            {formatMoney(quote.totalMinor, quote.currency)}
          </dd>
        </div>
      </dl>
      {quote.requestedAmountMinor !== null && (
        <p className="mt-2 text-sm text-gray-600 dark:text-gray-300">
          The most whole credits {formatMoney(quote.requestedAmountMinor, quote.currency)} buys, tax included.
        </p>
      )}
      {saved && (
        <p className="mt-2 text-sm text-green-700 dark:text-green-400">You save {formatMinorExact(quote.savingsExact, quote.currency)} against the list price.</p>
      )}
      <p
        data-testid="quote-approval"
        className={`mt-3 rounded-md p-3 text-sm ${
          quote.approval.approvers > 0 ? "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100" : "bg-gray-50 text-gray-700 dark:bg-gray-800 dark:text-gray-200"
        }`}
      >
        {approvalSentence(quote)}
      </p>
      <div className="mt-4">
        <QuoteBreakdown lines={quote.lines} />
      </div>
      <p className="mt-3 text-xs text-gray-500 dark:text-gray-400">
        Exact amounts throughout; the total is rounded half-up to the {quote.currency} minor unit once, at the end.
      </p>
    </div>
  );
}
