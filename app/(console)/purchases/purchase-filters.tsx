import { FilterForm } from "@/app/_components/filters/filter-form";
import { Field, SelectField } from "@/app/_components/form/field";
import type { PurchaseFilterValues } from "./_lib/purchase-filter";
import { SOURCE_LABELS, STATUS_LABELS } from "./_lib/purchase-labels";

const STATUSES = Object.entries(STATUS_LABELS).map(([value, { label }]) => ({ value, label }));
const SOURCES = Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }));

export function PurchaseFilters({ values }: { values: PurchaseFilterValues }) {
  return (
    <FilterForm action="/purchases" clearHref="/purchases" canClear={Object.values(values).some(Boolean)}>
      <SelectField label="Status" name="status" defaultValue={values.status ?? ""} options={[{ value: "", label: "Any status" }, ...STATUSES]} />
      <SelectField label="Source" name="source" defaultValue={values.source ?? ""} options={[{ value: "", label: "Any source" }, ...SOURCES]} />
      <Field label="Requested from" name="from" type="date" defaultValue={values.from} />
      <Field label="Requested to (included)" name="to" type="date" defaultValue={values.to} />
    </FilterForm>
  );
}
