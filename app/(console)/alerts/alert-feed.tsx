import Link from "next/link";
import { formatDateTime } from "@/app/_lib/format";
import { ActionButton } from "../admin/_components/action-button";
import { StatusBadge } from "../admin/_components/status-badge";
import { acknowledgeAlerts } from "./actions";
import { alertNumbers, alertTitle, type AlertItem } from "./alert-text";

/** Alerts, newest first; open ones stand out and can be acknowledged. */
export function AlertFeed({ alerts, timeZone, linkBudgets = true }: { alerts: AlertItem[]; timeZone: string; linkBudgets?: boolean }) {
  return (
    <ol className="space-y-3" aria-label="Alerts, newest first">
      {alerts.map((alert) => {
        const open = !alert.acknowledgedAt;
        const title = alertTitle(alert);
        return (
          <li
            key={alert.id}
            className={`flex flex-wrap items-start justify-between gap-4 rounded-lg border p-4 ${
              open
                ? "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/60"
                : "border-gray-200 bg-white text-gray-600 dark:border-gray-800 dark:bg-gray-900 dark:text-gray-400"
            }`}
          >
            <div className="min-w-0 space-y-1">
              <p className="flex flex-wrap items-center gap-2">
                {open ? <StatusBadge tone="amber">Open</StatusBadge> : <StatusBadge tone="gray">Acknowledged</StatusBadge>}
                <span className={`font-medium ${open ? "text-gray-900 dark:text-gray-100" : ""}`}>{title}</span>
              </p>
              <p className="text-sm">{alertNumbers(alert)}</p>
              <p className="text-xs text-gray-500 dark:text-gray-400">
                Raised <time dateTime={alert.createdAt.toISOString()}>{formatDateTime(alert.createdAt, timeZone)}</time>
                {alert.periodStart && <> · period from {formatDateTime(alert.periodStart, timeZone)}</>}
                {alert.acknowledgedAt && <> · acknowledged {formatDateTime(alert.acknowledgedAt, timeZone)}</>}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              {linkBudgets && alert.budgetId && (
                <Link href={`/budgets/${alert.budgetId}`} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
                  Open budget<span className="sr-only"> {alert.budgetName}</span> →
                </Link>
              )}
              {linkBudgets && alert.kind === "low_balance" && (
                <Link href="/credits" className="text-sm text-blue-700 hover:underline dark:text-blue-300">
                  Credits →
                </Link>
              )}
              {open && <ActionButton action={acknowledgeAlerts} fields={{ alertIds: alert.id }} label="Acknowledge" subject={title} pendingLabel="Acknowledging…" />}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
