import { memberCsvExport } from "@/app/_components/filters/member-csv-export";
import { todayInZone } from "@/app/_components/filters/zoned-dates";
import { readBudgetFilter } from "../_lib/budget-filter";
import { scopeDirectory } from "../_lib/scope-name";
import { budgetsCsv } from "../budgets-csv";

/** The budget list as CSV, with the page's filters; budgets.list decides which budgets the member may see. */
export async function GET(request: Request) {
  return memberCsvExport(request, async (api) => {
    const filter = readBudgetFilter(Object.fromEntries(new URL(request.url).searchParams));
    const [org, rows, departments, projects, agents] = await Promise.all([
      api.org.get(),
      api.budgets.list({ includeArchived: filter.includeArchived }),
      api.org.departments(),
      api.org.projects(),
      api.org.agents(),
    ]);
    return {
      filename: `budgets-${todayInZone(org.timeZone)}.csv`,
      csv: budgetsCsv(rows.filter(filter.matches), scopeDirectory(departments, projects, agents), org.timeZone),
    };
  });
}
