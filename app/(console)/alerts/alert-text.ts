import { formatCredits } from "@/app/_lib/format";
import type { listAlerts } from "@/server/alerts/list-alerts";

/** An alert as the feed and a budget's page show it (a budget's own alerts carry its name from the budget). */
export type AlertItem = Pick<
  Awaited<ReturnType<typeof listAlerts>>[number],
  "id" | "kind" | "budgetId" | "budgetName" | "thresholdPercent" | "spentMicros" | "limitMicros" | "availableMicros" | "periodStart" | "createdAt" | "acknowledgedAt"
>;

/** What happened, in one line. */
export function alertTitle(alert: AlertItem): string {
  if (alert.kind === "low_balance") return `Available balance fell below ${formatCredits(alert.limitMicros ?? 0)} credits`;
  const name = alert.budgetName ?? "A budget";
  return alert.thresholdPercent !== null && alert.thresholdPercent >= 100
    ? `${name} reached its limit`
    : `${name} reached ${alert.thresholdPercent} % of its limit`;
}

/** The numbers when it was raised. */
export function alertNumbers(alert: AlertItem): string {
  if (alert.kind === "low_balance") return `${formatCredits(alert.availableMicros ?? 0)} credits available; alert threshold ${formatCredits(alert.limitMicros ?? 0)} credits.`;
  return `${formatCredits(alert.spentMicros ?? 0)} of ${formatCredits(alert.limitMicros ?? 0)} credits spent in the period.`;
}
