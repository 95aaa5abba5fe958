/** Decimal places of a currency's minor unit (USD 2, JPY 0, BHD 3), as ISO 4217 and Intl define them. */
export function currencyMinorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** A credit's price is stored per million credits, in minor units: price × 10^minor digits × 10^6. */
export const creditPriceScale = (currency: string) => currencyMinorDigits(currency) + 6;
