import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { hrefWith, type SearchParams } from "@/app/_components/filters/search-params";
import { PageHeader } from "@/app/_components/page-header";
import { requireMember, serverApi } from "@/server/api/server";
import { primaryLink } from "../admin/_components/button-styles";
import { PURCHASES_SHOWN, readPurchaseFilter } from "./_lib/purchase-filter";
import { PurchaseFilters } from "./purchase-filters";
import { PurchaseTable } from "./purchase-table";

export const metadata: Metadata = { title: "Purchases" };

export default async function PurchasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireMember();
  const api = await serverApi();
  const org = await api.org.get();
  const filter = readPurchaseFilter(await searchParams, org.timeZone);
  const rows = await api.purchases.list(filter.listInput);
  const shown = rows.filter(filter.matches);
  const everyone = member.role === "admin" || member.role === "finance";
  return (
    <>
      <PageHeader
        title="Purchases"
        description={`${everyone ? "Every purchase of credits in the organisation, auto top-ups included" : "The purchases you requested"}, newest first. Times in ${org.timeZone}.`}
        actions={
          <>
            <ExportLink href={hrefWith("/purchases/export", { ...filter.values })} />
            <Link href="/purchases/new" className={primaryLink}>
              Buy credits
            </Link>
          </>
        }
      />
      <PurchaseFilters values={filter.values} />
      {rows.length >= PURCHASES_SHOWN && (
        <p className="mb-2 text-sm text-gray-500 dark:text-gray-400">Among the {PURCHASES_SHOWN} most recent purchases{filter.values.status ? " with this status" : ""}.</p>
      )}
      {shown.length === 0 ? (
        filter.active ? (
          <EmptyState title="No purchases match these filters">
            <Link href="/purchases" className="text-blue-600 hover:underline dark:text-blue-400">
              Clear the filters
            </Link>{" "}
            to see every purchase.
          </EmptyState>
        ) : (
          <EmptyState title="No purchases yet">“Buy credits” quotes a purchase as you type and sends it to finance when it needs approval.</EmptyState>
        )
      ) : (
        <PurchaseTable rows={shown} timeZone={org.timeZone} />
      )}
    </>
  );
}
