import { formatIsoInZone } from "@/app/_lib/format";
import { toCsv } from "@/server/lib/csv";
import { formatScaled } from "@/server/lib/decimal";
import { burnRatePerDayMicros, percentOf } from "./_lib/budget-figures";
import type { BudgetRow } from "./_lib/budget-labels";
import { scopeTargetName, type ScopeDirectory } from "./_lib/scope-name";

/** Each budget with its current period: exact credits beside integer micro-credits, times in the organisation's zone. */
export function budgetsCsv(rows: BudgetRow[], directory: ScopeDirectory, timeZone: string): string {
  const at = (value: Date | null) => (value ? formatIsoInZone(value, timeZone) : "");
  const credits = (micros: number) => formatScaled(micros, 6);
  return toCsv(rows, [
    { header: "id", value: ({ budget }) => budget.id },
    { header: "name", value: ({ budget }) => budget.name },
    { header: "scope", value: ({ budget }) => budget.scope },
    { header: "scope_name", value: ({ budget }) => scopeTargetName(budget, directory) },
    { header: "period", value: ({ budget }) => budget.period },
    { header: `period_start (${timeZone})`, value: ({ status }) => at(status.periodStart) },
    { header: `period_end (${timeZone})`, value: ({ status }) => at(status.periodEnd) },
    { header: "mode", value: ({ budget }) => budget.mode },
    { header: "limit_credits", value: ({ status }) => credits(status.limitMicros) },
    { header: "limit_micros", value: ({ status }) => status.limitMicros },
    { header: "spent_credits", value: ({ status }) => credits(status.spentMicros) },
    { header: "spent_micros", value: ({ status }) => status.spentMicros },
    { header: "held_credits", value: ({ status }) => credits(status.heldMicros) },
    { header: "held_micros", value: ({ status }) => status.heldMicros },
    { header: "remaining_credits", value: ({ status }) => credits(status.remainingMicros) },
    { header: "remaining_micros", value: ({ status }) => status.remainingMicros },
    { header: "used_percent", value: ({ status }) => percentOf(status.spentMicros + status.heldMicros, status.limitMicros) },
    { header: "burn_rate_credits_per_day", value: ({ status }) => credits(burnRatePerDayMicros(status)) },
    { header: `projected_limit_reached_at (${timeZone})`, value: ({ status }) => at(status.projectedExhaustionAt) },
    { header: "paused", value: ({ status }) => status.paused },
    { header: "resumed_this_period", value: ({ status }) => status.resumed },
    { header: "thresholds_percent", value: ({ budget }) => budget.thresholds.join(" ") },
    { header: "notify_roles", value: ({ budget }) => budget.notifyRoles.join(" ") },
    { header: "notify_emails", value: ({ budget }) => budget.notifyEmails.join(" ") },
    { header: `created_at (${timeZone})`, value: ({ budget }) => at(budget.createdAt) },
    { header: `archived_at (${timeZone})`, value: ({ budget }) => at(budget.archivedAt) },
  ]);
}
