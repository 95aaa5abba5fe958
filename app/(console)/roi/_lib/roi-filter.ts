import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { monthSchema } from "@/server/reports/roi-input";

export interface RoiFilterValues {
  from?: string;
  to?: string;
  department?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ROI page's query (from, to: YYYY-MM; department: id); malformed values are dropped and named. */
export function readRoiFilter(params: SearchParams) {
  const values: RoiFilterValues = { from: param(params, "from"), to: param(params, "to"), department: param(params, "department") };
  const invalid: string[] = [];
  const month = (value: string | undefined, label: string) => {
    if (value && !monthSchema.safeParse(value).success) {
      invalid.push(label);
      return undefined;
    }
    return value;
  };
  const fromMonth = month(values.from, "from month");
  const toMonth = month(values.to, "to month");
  const department = values.department && UUID.test(values.department) ? values.department : undefined;
  if (values.department && !department) invalid.push("department");
  const ordered = !fromMonth || !toMonth || fromMonth <= toMonth;
  if (!ordered) invalid.push("month range");
  return {
    values,
    invalid,
    active: Boolean(values.from || values.to || values.department),
    input: {
      fromMonth: ordered ? fromMonth : undefined,
      toMonth: ordered ? toMonth : undefined,
      departmentIds: department ? [department] : undefined,
    },
  };
}
