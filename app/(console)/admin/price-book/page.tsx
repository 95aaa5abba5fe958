import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { Table, Td, Th } from "@/app/_components/table";
import { formatDateTime, formatInteger } from "@/app/_lib/format";
import { formatScaled } from "@/server/lib/decimal";
import { ActionButton } from "../_components/action-button";
import { AdminOnly } from "../_components/admin-only";
import { FormSection } from "../_components/form-section";
import { adminApi } from "../_lib/admin-api";
import { creditPriceScale } from "../_lib/currency";
import { createDraft } from "./actions";
import { ImportForm } from "./import-form";
import { VersionStatus, versionTitle } from "./version-status";

export const metadata: Metadata = { title: "Price book" };

const TITLE = "Price book";

export default async function PriceBookPage() {
  const admin = await adminApi();
  if (!admin) return <AdminOnly title={TITLE} />;
  const [versions, catalog, org] = await Promise.all([admin.api.pricing.versions(), admin.api.pricing.list(), admin.api.org.get()]);
  // The import converts USD prices; the org's own credit price is a good default only when it is in USD.
  const creditValueUsd = org.currency === "USD" ? formatScaled(org.creditPriceMinorPerMillion, creditPriceScale("USD")) : "";
  return (
    <>
      <PageHeader
        title={TITLE}
        description="Versioned rates in credits. An event is priced by the version in force at its time; published versions never change."
        actions={<ActionButton action={createDraft} fields={{}} label="New draft" pendingLabel="Creating…" />}
      />
      <p className="mb-4 text-sm text-gray-500 dark:text-gray-400">
        {catalog.current
          ? `In force now: version ${catalog.current.version}, since ${formatDateTime(catalog.current.effectiveFrom, org.timeZone)}.`
          : "No version is in force yet: usage cannot be priced until one is published."}{" "}
        {catalog.upcoming && `Version ${catalog.upcoming.version} takes over on ${formatDateTime(catalog.upcoming.effectiveFrom, org.timeZone)}.`}{" "}
        “New draft” copies the version in force.
      </p>
      {versions.length === 0 ? (
        <EmptyState title="No price versions yet">Create a draft or import the LiteLLM price map below, then publish it.</EmptyState>
      ) : (
        <Table caption="Price versions">
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Status</Th>
              <Th>Effective from</Th>
              <Th>Published</Th>
              <Th numeric>Models</Th>
              <Th>Source</Th>
              <Th>Note</Th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.id}>
                <Td className="whitespace-nowrap">
                  <Link href={`/admin/price-book/${version.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
                    {versionTitle(version)}
                  </Link>
                  {version.status === "draft" && (
                    <span className="block text-xs text-gray-500">created {formatDateTime(version.createdAt, org.timeZone)}</span>
                  )}
                </Td>
                <Td>
                  <VersionStatus version={version} inForce={catalog.current} />
                </Td>
                <Td className="whitespace-nowrap">{formatDateTime(version.effectiveFrom, org.timeZone)}</Td>
                <Td className="whitespace-nowrap">{formatDateTime(version.publishedAt, org.timeZone)}</Td>
                <Td numeric>{formatInteger(version.models)}</Td>
                <Td className="text-gray-600 dark:text-gray-300">{version.source}</Td>
                <Td className="text-gray-500 dark:text-gray-400">{version.note}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <FormSection
        title="Import from LiteLLM"
        description="Converts LiteLLM's community price map (USD per token) into credits per 1M tokens, rounded to a whole micro-credit, as a new draft. Operation prices are copied from the version in force. Entries not priced per token are skipped and listed with the reason."
      >
        <ImportForm creditValueUsd={creditValueUsd} />
      </FormSection>
    </>
  );
}
