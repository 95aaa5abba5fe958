import type { PurchaseQuote } from "../_lib/purchase-labels";

type QuoteLine = PurchaseQuote["lines"][number];

/** Lines that sum what came before them: set off with a rule. */
const SUM_LINES = new Set<QuoteLine["kind"]>(["subtotal", "net", "total"]);

/** A rounding line of nothing says nothing; every other line is shown, even at zero (a 0 % tax is still a tax field). */
const shown = (line: QuoteLine) => line.kind !== "rounding" || line.amountExact !== "0";

/**
 * A quote's or invoice's arithmetic, line by line: the list price for comparison, each graduated
 * tier, the subtotal, the discounts, net, tax, the one rounding to minor units, and the total.
 */
export function QuoteBreakdown({ lines, caption = "How the total is calculated", header }: { lines: QuoteLine[]; caption?: string; header?: [string, string] }) {
  const [list, ...billed] = lines;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      {header && (
        <thead>
          <tr className="border-b border-gray-300 text-xs uppercase tracking-wide text-gray-500 dark:border-gray-700 dark:text-gray-400">
            <th scope="col" className="py-2 text-left font-medium">
              {header[0]}
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              {header[1]}
            </th>
          </tr>
        </thead>
      )}
      <tbody>
        {list?.kind === "list" && (
          <tr className="text-gray-500 dark:text-gray-400">
            <th scope="row" className="py-1 pr-3 text-left font-normal">
              {list.label}
              <span className="block text-xs">for comparison</span>
            </th>
            <td className="py-1 text-right tabular-nums line-through decoration-gray-400">{list.amount}</td>
          </tr>
        )}
        {(list?.kind === "list" ? billed : lines).filter(shown).map((line, index) => (
          <tr
            key={`${line.kind}-${index}`}
            data-line={line.kind}
            className={`${SUM_LINES.has(line.kind) ? "border-t border-gray-200 dark:border-gray-700" : ""} ${line.kind === "total" ? "text-base font-semibold" : ""}`}
          >
            <th scope="row" className={`py-1 pr-3 text-left ${line.kind === "total" || line.kind === "net" ? "font-medium" : "font-normal"} ${line.kind === "tier" ? "pl-3" : ""}`}>
              {capitalise(line.label)}
            </th>
            <td className={`py-1 text-right tabular-nums ${line.amountExact.startsWith("-") ? "text-green-700 dark:text-green-400" : ""}`} data-testid={line.kind === "total" ? "quote-total" : undefined}>
              {line.amount}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
