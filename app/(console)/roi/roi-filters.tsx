import { FilterForm } from "@/app/_components/filters/filter-form";
import { Field, SelectField } from "@/app/_components/form/field";
import type { RoiFilterValues } from "./_lib/roi-filter";

/** Month range and department; the departments offered are the ones the member sees. */
export function RoiFilters({ values, departments, active }: { values: RoiFilterValues; departments: { id: string; name: string }[]; active: boolean }) {
  return (
    <FilterForm action="/roi" clearHref="/roi" canClear={active}>
      <Field label="From month" name="from" type="month" defaultValue={values.from} />
      <Field label="To month" name="to" type="month" defaultValue={values.to} />
      <SelectField
        label="Department"
        name="department"
        defaultValue={values.department ?? ""}
        options={[{ value: "", label: "All you may see" }, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
      />
    </FilterForm>
  );
}
