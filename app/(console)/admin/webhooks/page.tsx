import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { Table, Td, Th } from "@/app/_components/table";
import { formatDateTime } from "@/app/_lib/format";
import { AdminOnly } from "../_components/admin-only";
import { FormSection } from "../_components/form-section";
import { adminApi } from "../_lib/admin-api";
import { CreateEndpointForm } from "./create-endpoint-form";
import { EndpointStatus } from "./endpoint-status";

export const metadata: Metadata = { title: "Webhooks" };

const TITLE = "Webhooks";

export default async function WebhooksPage() {
  const admin = await adminApi();
  if (!admin) return <AdminOnly title={TITLE} />;
  const [endpoints, org] = await Promise.all([admin.api.webhooks.list(), admin.api.org.get()]);
  return (
    <>
      <PageHeader
        title={TITLE}
        description="Signed HTTP calls to your apps when something needs a reaction: thresholds, pauses, low balance, purchases, expiring grants. Each is retried with backoff until the endpoint answers 2xx."
      />
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet">Register one below; its signing secret is shown once, right after.</EmptyState>
      ) : (
        <Table caption="Webhook endpoints, newest first">
          <thead>
            <tr>
              <Th>Endpoint</Th>
              <Th>Events</Th>
              <Th>Secret</Th>
              <Th>Status</Th>
              <Th>Registered</Th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id} className="align-top">
                <Td className="min-w-64">
                  <Link href={`/admin/webhooks/${endpoint.id}`} className="font-medium break-all text-blue-700 hover:underline dark:text-blue-300">
                    {endpoint.url}
                  </Link>
                  {endpoint.description && <span className="block text-xs text-gray-500 dark:text-gray-400">{endpoint.description}</span>}
                </Td>
                <Td className="text-xs">{endpoint.eventTypes.join(", ")}</Td>
                <Td className="font-mono text-xs whitespace-nowrap">…{endpoint.secretHint}</Td>
                <Td>
                  <EndpointStatus enabled={endpoint.enabled} />
                </Td>
                <Td className="whitespace-nowrap">{formatDateTime(endpoint.createdAt, org.timeZone)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <FormSection title="Register an endpoint" description="Allot POSTs JSON events to it, signed with a secret only you and Allot know (docs/webhooks.md).">
        <CreateEndpointForm />
      </FormSection>
    </>
  );
}
