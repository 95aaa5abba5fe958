import { scaledFieldReader } from "@/app/_lib/scaled-decimal";
import { textValue } from "@/app/_lib/form-values";
import { creditPriceScale, currencyMinorDigits } from "../../_lib/currency";
import { CREDIT_DIGITS, PERCENT_DIGITS } from "./billing-values";

/**
 * Reads a billing form's fields as exact integers — money as minor units, percentages as basis
 * points, credits as micro-credits, prices per credit as minor units per million credits, whole
 * numbers — collecting one message per wrong field.
 */
export function settingsReader(formData: FormData, currency: string) {
  const readers = {
    money: scaledFieldReader(formData, currencyMinorDigits(currency)),
    credits: scaledFieldReader(formData, CREDIT_DIGITS),
    price: scaledFieldReader(formData, creditPriceScale(currency)),
  };
  const percents = scaledFieldReader(formData, PERCENT_DIGITS);
  const otherErrors: Record<string, string> = {};
  return {
    ...readers,
    /** A percentage up to `max` %, as basis points. */
    percent(name: string, label: string, max: number): number {
      const bps = percents.read(name, label);
      if (bps > max * 100) otherErrors[name] = `${label} is at most ${max} %`;
      return bps;
    },
    /** A whole number from `min` up. */
    whole(name: string, label: string, min: number): number {
      const text = textValue(formData, name);
      if (/^\d{1,9}$/.test(text) && Number(text) >= min) return Number(text);
      otherErrors[name] = `${label} is a whole number from ${min}`;
      return 0;
    },
    /** A message for a field whose value reads well but breaks a rule of the form. */
    refuse(name: string, message: string): void {
      otherErrors[name] ??= message;
    },
    fieldErrors: (): Record<string, string> => Object.assign({}, ...Object.values(readers).map((reader) => reader.fieldErrors), percents.fieldErrors, otherErrors),
  };
}
