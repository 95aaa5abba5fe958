import { StatusBadge } from "../../admin/_components/status-badge";
import { MODE_LABELS, type Budget, type BudgetStatus } from "../_lib/budget-labels";

/** The budget's mode, and what it is doing about it now: paused, resumed for the period, or archived. */
export function BudgetBadges({ budget, status }: { budget: Budget; status: BudgetStatus }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <StatusBadge tone={budget.mode === "pause" ? "blue" : "gray"}>{MODE_LABELS[budget.mode].label}</StatusBadge>
      {status.paused && <StatusBadge tone="red">Paused</StatusBadge>}
      {status.resumed && <StatusBadge tone="amber">Resumed this period</StatusBadge>}
      {budget.archivedAt && <StatusBadge tone="gray">Archived</StatusBadge>}
    </span>
  );
}
