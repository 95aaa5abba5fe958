"use client";

import { BarChart } from "@tremor/react";

export interface ModelCostPoint {
  model: string;
  Mean: number;
  Median: number;
  P90: number;
}

/** Credits per task by model (display only; the table has the exact figures). */
export function ModelCostChart({ data, label }: { data: ModelCostPoint[]; label: string }) {
  return (
    <figure aria-label={label}>
      <BarChart
        className="h-60"
        data={data}
        index="model"
        categories={["Mean", "Median", "P90"]}
        colors={["blue", "cyan", "indigo"]}
        valueFormatter={(value) => new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 }).format(value)}
      />
    </figure>
  );
}
