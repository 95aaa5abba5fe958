"use client";

import { BarChart, LineChart } from "@tremor/react";

/** Chart points are in major currency units, for the eye only; the tables and CSV carry the exact amounts. */
export interface MoneyPoint {
  label: string;
  Cost: number;
  Value: number;
}

const moneyFormatter = (currency: string) => (value: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 }).format(value);

/** Cost and value per month: the trend of a department's (or agent's) return. */
export function RoiTrendChart({ data, currency, label }: { data: MoneyPoint[]; currency: string; label: string }) {
  return (
    <figure aria-label={label}>
      <LineChart className="h-56" data={data} index="label" categories={["Value", "Cost"]} colors={["emerald", "rose"]} valueFormatter={moneyFormatter(currency)} />
    </figure>
  );
}

/** Cost beside value for each department: the cross-department comparison. */
export function DepartmentComparisonChart({ data, currency }: { data: MoneyPoint[]; currency: string }) {
  return (
    <figure aria-label="Cost and value by department">
      <BarChart className="h-64" data={data} index="label" categories={["Value", "Cost"]} colors={["emerald", "rose"]} valueFormatter={moneyFormatter(currency)} />
    </figure>
  );
}
