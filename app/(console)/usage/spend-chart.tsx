"use client";

import { BarChart, type EventProps } from "@tremor/react";
import { useRouter } from "next/navigation";

export interface SpendChartData {
  /** One row per bucket: the bucket's label under `bucket`, credits per series label. */
  rows: Record<string, string | number>[];
  series: string[];
  /** Where a click on a bar of a series in a bucket leads (`${bucket}|${series}`). */
  drill: Record<string, string>;
}

const format = (value: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value);

/** Credits over time, stacked by the breakdown's top values; clicking a bar opens the events behind it. */
export function SpendChart({ data }: { data: SpendChartData }) {
  const router = useRouter();
  function open(event: EventProps) {
    if (!event || event.eventType !== "bar") return;
    const href = data.drill[`${event.bucket}|${event.categoryClicked}`];
    if (href) router.push(href);
  }
  return (
    <BarChart
      className="h-72"
      data={data.rows}
      index="bucket"
      categories={data.series}
      stack
      valueFormatter={format}
      yAxisWidth={72}
      onValueChange={open}
      noDataText="No spend in this range"
    />
  );
}
