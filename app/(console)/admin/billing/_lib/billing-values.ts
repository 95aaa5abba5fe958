import { formatScaled } from "@/server/lib/decimal";
import { currencyMinorDigits } from "../../_lib/currency";

/**
 * How the billing forms show stored integers as the decimals people type, and read them back:
 * money in the currency's major units, rates in percent (two decimals, i.e. basis points), credits.
 */
export const PERCENT_DIGITS = 2;
export const CREDIT_DIGITS = 6;

export const moneyText = (minor: number | null, currency: string) => (minor === null ? "" : formatScaled(minor, currencyMinorDigits(currency)));
export const percentText = (bps: number) => formatScaled(bps, PERCENT_DIGITS);
export const creditsText = (micros: number | null) => (micros === null ? "" : formatScaled(micros, CREDIT_DIGITS));
