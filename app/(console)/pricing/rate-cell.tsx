import { formatCredits, formatCreditsAsMoney } from "@/app/_lib/format";

export interface CreditPrice {
  currency: string;
  creditPriceMinorPerMillion: number;
}

/** A rate in credits with its money value at the list price underneath; null is a cache rate billed as input. */
export function RateCell({ micros, price }: { micros: number | null; price: CreditPrice }) {
  if (micros === null) return <span className="text-gray-400">as input</span>;
  return (
    <>
      <span className="font-medium">{formatCredits(micros)}</span>
      <span className="block text-xs text-gray-500 dark:text-gray-400">{formatCreditsAsMoney(micros, price.creditPriceMinorPerMillion, price.currency)}</span>
    </>
  );
}
