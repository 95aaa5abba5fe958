"use client";

import { AreaChart } from "@tremor/react";

export function DailyUsageChart({ data }: { data: { day: string; Credits: number }[] }) {
  return (
    <AreaChart
      className="h-64"
      data={data}
      index="day"
      categories={["Credits"]}
      colors={["blue"]}
      valueFormatter={(value) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value)}
      showLegend={false}
    />
  );
}
