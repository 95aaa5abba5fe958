import { FilterForm } from "@/app/_components/filters/filter-form";
import { Field, SelectField } from "@/app/_components/form/field";
import type { FilterOptions } from "./filter-options";
import { USAGE_FILTER_LABELS as LABELS, type UsageFilterValues } from "./usage-filter";

export interface FilterOption {
  value: string;
  label: string;
}

/** The usage filters (of the events list at `action`, or the dashboard, which adds its own fields first); choices are limited to what the member may see. */
export function UsageFilters({
  action,
  values,
  options: { departments, projects, agents, items, showUser },
  children,
}: {
  action: string;
  values: UsageFilterValues;
  options: FilterOptions;
  children?: React.ReactNode;
}) {
  const withAll = (label: string, options: FilterOption[]) => [{ value: "", label }, ...options];
  return (
    <FilterForm action={action} clearHref={action} canClear={Object.keys(values).length > 0}>
      {children}
      <Field label={LABELS.from} name="from" type="date" defaultValue={values.from} />
      <Field label={`${LABELS.to} (included)`} name="to" type="date" defaultValue={values.to} />
      <SelectField label={LABELS.departmentId} name="departmentId" defaultValue={values.departmentId ?? ""} options={withAll("All departments", departments)} />
      <SelectField label={LABELS.projectId} name="projectId" defaultValue={values.projectId ?? ""} options={withAll("All projects", projects)} />
      <SelectField label={LABELS.agentId} name="agentId" defaultValue={values.agentId ?? ""} options={withAll("All agents", agents)} />
      <Field label={LABELS.item} name="item" defaultValue={values.item} list="usage-filter-items" placeholder="e.g. gpt-4o" autoComplete="off" />
      <datalist id="usage-filter-items">
        {items.map((item) => (
          <option key={item} value={item} />
        ))}
      </datalist>
      {showUser && <Field label={LABELS.user} name="user" type="text" defaultValue={values.user} placeholder="e-mail or user id" />}
      <Field label={LABELS.taskType} name="taskType" defaultValue={values.taskType} placeholder="e.g. support-reply" />
      <Field label={LABELS.workflow} name="workflow" defaultValue={values.workflow} />
    </FilterForm>
  );
}
