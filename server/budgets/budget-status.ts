import { budgets } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { currentOrgConfig } from "../org-config/org-config";
import { resolveWith } from "../usage/attribution";
import type { AttributionInput } from "../usage/event-input";
import { budgetVisibility } from "./budget-access";
import { budgetApplies } from "./budget-book";
import { currentStatuses, type BudgetStatus } from "./current-periods";

/**
 * For a sibling app about to act: every budget that would count an action with this attribution
 * (organisation, department, project, agent, user), with its current period's totals. `paused`
 * says whether any of them refuses spend right now. A person sees only the budgets they may see
 * (see budget-access.ts); an API key sees every budget of what it may record for.
 */
export async function budgetStatusFor(
  db: DbOrTx,
  principal: Principal,
  input: AttributionInput,
): Promise<{ paused: boolean; budgets: BudgetStatus[] }> {
  const { config, now } = await currentOrgConfig(db, principal.orgId);
  const [attribution] = resolveWith(config.directory, principal, [input]);
  const visible =
    principal.kind === "member"
      ? new Set((await db.select({ id: budgets.id }).from(budgets).where(budgetVisibility(principal))).map((row) => row.id))
      : undefined;
  const applying = config.budgets.filter(
    (budget) => !budget.archivedAt && budgetApplies(budget, attribution!) && (!visible || visible.has(budget.id)),
  );
  const statuses = await currentStatuses(db, principal.orgId, config.timeZone, now, applying);
  return { paused: statuses.some((status) => status.paused), budgets: statuses };
}
