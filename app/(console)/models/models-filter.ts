import { param, type SearchParams } from "@/app/_components/filters/search-params";

export const DAY_CHOICES = [7, 30, 90] as const;

/** The models page's query: the window in days (7, 30 or 90; default 30) and an optional task type. */
export function readModelsFilter(params: SearchParams) {
  const daysText = param(params, "days");
  const days = DAY_CHOICES.find((choice) => String(choice) === daysText) ?? 30;
  const taskType = param(params, "task")?.slice(0, 100);
  return { days, taskType, values: { days: daysText ? String(days) : undefined, task: taskType } };
}
