import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_lib/format";
import { ActionButton } from "../../_components/action-button";
import { AdminOnly } from "../../_components/admin-only";
import { secondaryButton } from "../../_components/button-styles";
import { FormSection } from "../../_components/form-section";
import { adminApi } from "../../_lib/admin-api";
import { instantToWallTime } from "../../_lib/zoned-time";
import { VersionStatus, versionTitle } from "../version-status";
import { discardDraft } from "./actions";
import { loadVersion } from "./load-version";
import { ModelPriceForm } from "./model-price-form";
import { ModelsTable } from "./models-table";
import { OperationsTable } from "./operations-table";
import { PublishForm } from "./publish-form";

export const metadata: Metadata = { title: "Price version" };

export default async function PriceVersionPage({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  const admin = await adminApi();
  if (!admin) return <AdminOnly title="Price version" />;
  const [version, catalog, org] = await Promise.all([loadVersion(admin.api, versionId), admin.api.pricing.list(), admin.api.org.get()]);
  const draft = version.status === "draft";
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/price-book" className="text-blue-700 hover:underline dark:text-blue-300">
          ← Price book
        </Link>
      </nav>
      <PageHeader
        title={versionTitle(version)}
        description={draft ? "A draft: edit its rates, then publish it." : "Published, and so immutable. To change prices, create a new draft."}
        actions={
          <>
            <a href={`/admin/price-book/${version.id}/export`} className={secondaryButton}>
              Export CSV
            </a>
            {draft && (
              <ActionButton
                action={discardDraft}
                fields={{ versionId: version.id }}
                label="Discard draft"
                pendingLabel="Discarding…"
                confirm={{ question: "Discard this draft and its rates?", confirmLabel: "Discard" }}
              />
            )}
          </>
        }
      />
      <dl className="grid gap-4 rounded-lg border border-gray-200 bg-white p-5 text-sm sm:grid-cols-3 dark:border-gray-800 dark:bg-gray-900">
        <Detail term="Status">
          <VersionStatus version={version} inForce={catalog.current} />
        </Detail>
        <Detail term="Effective from">{formatDateTime(version.effectiveFrom, org.timeZone)}</Detail>
        <Detail term="Published">{formatDateTime(version.publishedAt, org.timeZone)}</Detail>
        <Detail term="Source">{version.source}</Detail>
        <Detail term="Note">{version.note || "—"}</Detail>
        <Detail term="Created">{formatDateTime(version.createdAt, org.timeZone)}</Detail>
      </dl>

      {draft && (
        <FormSection
          title="Publish"
          description={
            <>
              A published version is immutable. It prices every event from its effective time until a later version takes over;
              events before that keep the version they were priced with — nothing is ever re-priced. The time cannot be in the
              past, nor before the start of the latest published version. Times are in {org.timeZone}.
            </>
          }
        >
          <PublishForm versionId={version.id} timeZone={org.timeZone} earliest={instantToWallTime(new Date(), org.timeZone)} />
        </FormSection>
      )}

      <section aria-labelledby="model-prices" className="mt-8">
        <h2 id="model-prices" className="mb-1 text-lg font-medium">
          Models
        </h2>
        <p className="mb-3 text-sm text-gray-500 dark:text-gray-400">Credits per 1M tokens. An empty cached-input or cache-write rate bills at the input rate.</p>
        <ModelsTable version={version} />
      </section>
      {draft && (
        <FormSection title="Add a model price" description="Rates in credits per 1M tokens, up to 6 decimal places (stored exactly in micro-credits).">
          <ModelPriceForm versionId={version.id} />
        </FormSection>
      )}

      <section aria-labelledby="operation-prices" className="mt-8">
        <h2 id="operation-prices" className="mb-1 text-lg font-medium">
          Operations
        </h2>
        <p className="mb-3 text-sm text-gray-500 dark:text-gray-400">Platform operations, in credits per unit.</p>
        <OperationsTable version={version} />
      </section>
    </>
  );
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-gray-500 dark:text-gray-400">{term}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}
