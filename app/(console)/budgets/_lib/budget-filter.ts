import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { MODE_LABELS, SCOPE_LABELS, type BudgetMode, type BudgetRow, type BudgetScope } from "./budget-labels";

/** The budget list's filters as they appear in the query string (the same names on the page and its export). */
export interface BudgetFilterValues {
  scope?: BudgetScope;
  mode?: BudgetMode;
  /** "include": archived budgets are listed too. */
  archived?: "include";
}

const isScope = (value: string | undefined): value is BudgetScope => value !== undefined && value in SCOPE_LABELS;
const isMode = (value: string | undefined): value is BudgetMode => value !== undefined && value in MODE_LABELS;

/** Reads the filters; unknown values are ignored (the options are fixed, so only a hand-edited link has them). */
export function readBudgetFilter(searchParams: SearchParams) {
  const scope = param(searchParams, "scope");
  const mode = param(searchParams, "mode");
  const values: BudgetFilterValues = {
    scope: isScope(scope) ? scope : undefined,
    mode: isMode(mode) ? mode : undefined,
    archived: param(searchParams, "archived") === "include" ? "include" : undefined,
  };
  return {
    values,
    includeArchived: values.archived === "include",
    active: Object.values(values).some(Boolean),
    matches: ({ budget }: BudgetRow) => (!values.scope || budget.scope === values.scope) && (!values.mode || budget.mode === values.mode),
  };
}
