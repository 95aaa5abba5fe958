import { toCsv } from "@/server/lib/csv";
import { formatScaled } from "@/server/lib/decimal";
import type { ModelComparison } from "@/server/reports/model-comparison";

/** One row per task type and model: tasks, credits (exact beside micro-credits), mean, median, p90, shares. */
export function modelComparisonCsv(comparison: ModelComparison): string {
  const rows = comparison.taskTypes.flatMap((taskType) => taskType.models.map((model) => ({ taskType, model })));
  const credits = (micros: number) => formatScaled(micros, 6);
  return toCsv(rows, [
    { header: "task_type", value: ({ taskType }) => taskType.taskType },
    { header: "model", value: ({ model }) => model.model },
    { header: "days", value: () => comparison.days },
    { header: "tasks", value: ({ model }) => model.tasks },
    { header: "credits", value: ({ model }) => credits(model.costMicros) },
    { header: "credits_micros", value: ({ model }) => model.costMicros },
    { header: "mean_credits_per_task", value: ({ model }) => credits(model.meanMicros) },
    { header: "median_credits_per_task", value: ({ model }) => credits(model.medianMicros) },
    { header: "p90_credits_per_task", value: ({ model }) => credits(model.p90Micros) },
    { header: "task_share_percent", value: ({ model }) => formatScaled(model.taskShareBps, 2) },
    { header: "credit_share_percent", value: ({ model }) => formatScaled(model.creditShareBps, 2) },
  ]);
}
