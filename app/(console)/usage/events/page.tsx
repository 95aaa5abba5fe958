import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { hrefWith, param, type SearchParams } from "@/app/_components/filters/search-params";
import { PageHeader } from "@/app/_components/page-header";
import { formatInteger } from "@/app/_lib/format";
import type { MemberPrincipal } from "@/server/auth/principal";
import { requireMember, serverApi } from "@/server/api/server";
import { USAGE_EXPORT_ROW_CAP } from "../usage-csv";
import { readUsageFilter, USAGE_FILTER_LABELS } from "../usage-filter";
import { loadFilterOptions } from "../filter-options";
import { UsageFilters } from "../usage-filters";
import { UsageTable } from "../usage-table";
import { UsageTabs } from "../usage-tabs";

export const metadata: Metadata = { title: "Usage events" };

const PAGE_SIZE = 50;

function scopeOf(member: MemberPrincipal): string {
  switch (member.role) {
    case "admin":
    case "finance":
      return "Every usage event in the organisation";
    case "department_head":
      return "Usage of the departments you head";
    case "member":
      return `Usage attributed to you (${member.email})`;
  }
}

export default async function UsagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  const api = await serverApi();
  const [org, options, params] = await Promise.all([api.org.get(), loadFilterOptions(api, member), searchParams]);
  const { values, input, invalid, active } = readUsageFilter(params, org.timeZone);
  const cursor = param(params, "cursor");
  const page = await api.usage.list({ ...input, cursor: cursor && cursor.length <= 200 ? cursor : undefined, limit: PAGE_SIZE });

  return (
    <>
      <PageHeader
        title="Usage"
        description={`${scopeOf(member)}, newest first. Times in ${org.timeZone}.`}
        actions={<ExportLink href={hrefWith("/usage/export", values)} />}
      />
      <UsageTabs current="/usage/events" />
      <UsageFilters key={JSON.stringify(values)} action="/usage/events" values={values} options={options} />
      {invalid.length > 0 && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Ignored malformed filter values: {invalid.map((key) => USAGE_FILTER_LABELS[key]).join(", ")}.
        </p>
      )}
      {page.events.length === 0 ? (
        active || cursor ? (
          <EmptyState title="No usage matches these filters">
            Widen the date range or{" "}
            <Link href="/usage/events" className="text-blue-600 hover:underline dark:text-blue-400">
              clear the filters
            </Link>
            .
          </EmptyState>
        ) : (
          <EmptyState title="No usage yet">
            Events appear here as soon as a sibling app records usage with an API key.
          </EmptyState>
        )
      ) : (
        <>
          <UsageTable events={page.events} timeZone={org.timeZone} />
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-4 text-sm">
            <span className="text-gray-500 dark:text-gray-400">
              {formatInteger(page.events.length)} events on this page. The CSV holds every matching event (up to{" "}
              {formatInteger(USAGE_EXPORT_ROW_CAP)}).
            </span>
            <span className="flex gap-4">
              {cursor && (
                <Link href={hrefWith("/usage/events", values)} className="text-blue-600 hover:underline dark:text-blue-400">
                  ← Newest
                </Link>
              )}
              {page.nextCursor && (
                <Link href={hrefWith("/usage/events", { ...values, cursor: page.nextCursor })} className="text-blue-600 hover:underline dark:text-blue-400">
                  Older →
                </Link>
              )}
            </span>
          </nav>
        </>
      )}
    </>
  );
}
