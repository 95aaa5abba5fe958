import { FilterForm } from "@/app/_components/filters/filter-form";
import { SelectField } from "@/app/_components/form/field";
import { MODE_LABELS, SCOPE_LABELS, type BudgetScope } from "./_lib/budget-labels";
import type { BudgetFilterValues } from "./_lib/budget-filter";

const MODES = Object.entries(MODE_LABELS).map(([value, { label }]) => ({ value, label }));

/** Filters by scope kind (those the member can see) and mode, and whether archived budgets are listed. */
export function BudgetFilters({ values, scopes }: { values: BudgetFilterValues; scopes: BudgetScope[] }) {
  return (
    <FilterForm action="/budgets" clearHref="/budgets" canClear={Object.values(values).some(Boolean)}>
      <SelectField
        label="Scope"
        name="scope"
        defaultValue={values.scope ?? ""}
        options={[{ value: "", label: "All scopes" }, ...scopes.map((scope) => ({ value: scope, label: SCOPE_LABELS[scope] }))]}
      />
      <SelectField label="Mode" name="mode" defaultValue={values.mode ?? ""} options={[{ value: "", label: "Alert and pause" }, ...MODES]} />
      <SelectField
        label="Archived budgets"
        name="archived"
        defaultValue={values.archived ?? ""}
        options={[
          { value: "", label: "Hide" },
          { value: "include", label: "Show" },
        ]}
      />
    </FilterForm>
  );
}
