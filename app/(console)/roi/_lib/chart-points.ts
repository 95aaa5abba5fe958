import type { RoiFigures } from "@/server/reports/roi";
import { currencyMinorDigits } from "../../admin/_lib/currency";
import type { MoneyPoint } from "../roi-charts";

/** Cost and value in major units for a chart (display only: a float is fine for a line's height). */
export function moneyPoint(label: string, figures: RoiFigures, currency: string): MoneyPoint {
  const scale = 10 ** currencyMinorDigits(currency);
  return { label, Cost: figures.costMinor / scale, Value: figures.valueMinor / scale };
}
