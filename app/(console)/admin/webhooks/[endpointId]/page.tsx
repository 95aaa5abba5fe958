import type { Metadata } from "next";
import Link from "next/link";
import { ExportLink } from "@/app/_components/filters/export-link";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_lib/format";
import { orNotFound } from "@/app/_lib/or-not-found";
import { ActionButton } from "../../_components/action-button";
import { AdminOnly } from "../../_components/admin-only";
import { FormSection } from "../../_components/form-section";
import { adminApi } from "../../_lib/admin-api";
import { setEndpointEnabled } from "../actions";
import { EndpointStatus } from "../endpoint-status";
import { DeliveryLog } from "./delivery-log";
import { EditEndpointForm } from "./edit-endpoint-form";
import { RotateSecretForm } from "./rotate-secret-form";
import { SendTestForm } from "./send-test-form";

export const metadata: Metadata = { title: "Webhook endpoint" };

const SHOWN = 100;

export default async function EndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const { endpointId } = await params;
  const admin = await adminApi();
  if (!admin) return <AdminOnly title="Webhook endpoint" />;
  const [org, endpoint] = await Promise.all([admin.api.org.get(), orNotFound(admin.api.webhooks.get({ endpointId }))]);
  const deliveries = await admin.api.webhooks.deliveries({ endpointId, limit: SHOWN });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/webhooks" className="text-blue-700 hover:underline dark:text-blue-300">
          ← Webhooks
        </Link>
      </nav>
      <PageHeader
        title={endpoint.url}
        description={endpoint.description || `Times in ${org.timeZone}.`}
        actions={
          <>
            {endpoint.enabled && <SendTestForm endpointId={endpoint.id} />}
            <ExportLink href={`/admin/webhooks/${endpoint.id}/export`}>Export log (CSV)</ExportLink>
          </>
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <EndpointStatus enabled={endpoint.enabled} />
        <ActionButton
          action={setEndpointEnabled}
          fields={{ endpointId: endpoint.id, enabled: String(!endpoint.enabled) }}
          label={endpoint.enabled ? "Disable" : "Enable"}
          pendingLabel={endpoint.enabled ? "Disabling…" : "Enabling…"}
          confirm={endpoint.enabled ? { question: "Nothing is sent to it while disabled, queued deliveries included (they fail).", confirmLabel: "Disable now" } : undefined}
        />
      </div>
      <section aria-labelledby="delivery-log">
        <h2 id="delivery-log" className="mb-3 text-lg font-medium">
          Delivery log
        </h2>
        <DeliveryLog deliveries={deliveries} timeZone={org.timeZone} canReplay={endpoint.enabled} />
        {deliveries.length >= SHOWN && <p className="mt-2 text-sm text-gray-500 dark:text-gray-400">The {SHOWN} most recent deliveries; the CSV has every attempt.</p>}
      </section>
      <FormSection title="Signing secret" description="Receivers check each delivery's Allot-Signature with it (docs/webhooks.md).">
        <RotateSecretForm
          endpointId={endpoint.id}
          hint={endpoint.secretHint}
          previousSignsUntil={endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? formatDateTime(endpoint.previousSecretExpiresAt, org.timeZone) : null}
        />
      </FormSection>
      <FormSection title="Edit endpoint">
        <EditEndpointForm endpoint={endpoint} />
      </FormSection>
    </>
  );
}
