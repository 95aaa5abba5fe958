"use client";

import { BarChart } from "@tremor/react";

const CATEGORY = "Credits per 1M output tokens";

/** Output-token price per model, dearest first (display only; the table holds the exact rates). */
export function OutputPriceChart({ data }: { data: { model: string; credits: number }[] }) {
  return (
    <BarChart
      style={{ height: `${Math.max(12, data.length * 2)}rem` }}
      data={data.map((row) => ({ model: row.model, [CATEGORY]: row.credits }))}
      index="model"
      categories={[CATEGORY]}
      colors={["blue"]}
      layout="vertical"
      yAxisWidth={190}
      valueFormatter={(value) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value)}
      showLegend={false}
    />
  );
}
