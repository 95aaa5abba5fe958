import type { serverApi } from "@/server/api/server";
import { orNotFound } from "@/app/_lib/or-not-found";

/** The budget's page data, or the 404 page. */
export const loadBudget = (api: Awaited<ReturnType<typeof serverApi>>, budgetId: string) => orNotFound(api.budgets.get({ budgetId }));

export type BudgetDetail = Awaited<ReturnType<typeof loadBudget>>;
