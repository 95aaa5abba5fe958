"use client";

import { LineChart } from "@tremor/react";
import type { BurnPoint } from "./burn-series";

const format = (value: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value);

export function BurnChart({ data }: { data: BurnPoint[] }) {
  return (
    <LineChart
      className="h-72"
      data={data}
      index="at"
      categories={["Spent", "Projected", "Limit"]}
      colors={["blue", "amber", "red"]}
      valueFormatter={format}
      connectNulls
      yAxisWidth={72}
    />
  );
}
