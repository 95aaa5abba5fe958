import { and, eq, isNull } from "drizzle-orm";
import { budgets, organizations } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { dbNow } from "../lib/db-clock";
import { resolveAttributions } from "../usage/attribution";
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
  const [attribution] = await resolveAttributions(db, principal, [input]);
  const [all, [org], now] = await Promise.all([
    db
      .select()
      .from(budgets)
      .where(and(principal.kind === "member" ? budgetVisibility(principal) : eq(budgets.orgId, principal.orgId), isNull(budgets.archivedAt))),
    db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, principal.orgId)),
    dbNow(db),
  ]);
  const applying = all.filter((budget) => budgetApplies(budget, attribution!));
  const statuses = await currentStatuses(db, principal.orgId, org!.timeZone, now, applying);
  return { paused: statuses.some((status) => status.paused), budgets: statuses };
}
