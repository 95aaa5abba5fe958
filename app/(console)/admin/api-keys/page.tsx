import type { Metadata } from "next";
import { headers } from "next/headers";
import { basePath } from "@/server/lib/base-path";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { Table, Td, Th } from "@/app/_components/table";
import { formatDateTime } from "@/app/_lib/format";
import { API_KEY_SCOPES } from "@/db/schema";
import { ActionButton } from "../_components/action-button";
import { AdminOnly } from "../_components/admin-only";
import { FormSection } from "../_components/form-section";
import { StatusBadge } from "../_components/status-badge";
import { adminApi } from "../_lib/admin-api";
import { activeOptions, namesById } from "../_lib/options";
import { revokeApiKey } from "./actions";
import { ApiUsageSnippet } from "./api-usage-snippet";
import { CreateApiKeyForm } from "./create-api-key-form";
import { SCOPE_DESCRIPTIONS } from "./scopes";

export const metadata: Metadata = { title: "API keys" };

const TITLE = "API keys";

export default async function ApiKeysPage() {
  const admin = await adminApi();
  if (!admin) return <AdminOnly title={TITLE} />;
  const [keys, departments, org] = await Promise.all([admin.api.apiKeys.list(), admin.api.org.departments(), admin.api.org.get()]);
  const departmentNames = namesById(departments);
  const requestHeaders = await headers();
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host") ?? "localhost:3000"}`;
  return (
    <>
      <PageHeader title={TITLE} description="Credentials for sibling apps (agent runtimes, LLM gateways) that call Allot's API." />
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">Create one below for each app that records usage or reads balances.</EmptyState>
      ) : (
        <>
          <Table caption="API keys">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Prefix</Th>
                <Th>Scopes</Th>
                <Th>Department</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} className={key.revokedAt ? "text-gray-500 dark:text-gray-400" : undefined}>
                  <Td className="font-medium">{key.name}</Td>
                  <Td className="font-mono text-xs">{key.prefix}…</Td>
                  <Td>
                    <ul className="flex flex-wrap gap-1">
                      {key.scopes.map((scope) => (
                        <li key={scope}>
                          <code className="rounded bg-gray-100 px-1.5 py-0.5 text-xs dark:bg-gray-800">{scope}</code>
                        </li>
                      ))}
                    </ul>
                  </Td>
                  <Td>{key.departmentId ? departmentNames.get(key.departmentId) : "Whole organisation"}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(key.createdAt, org.timeZone)}</Td>
                  <Td className="whitespace-nowrap">{key.lastUsedAt ? formatDateTime(key.lastUsedAt, org.timeZone) : "Never"}</Td>
                  <Td className="whitespace-nowrap">
                    {key.revokedAt ? (
                      <StatusBadge tone="red">Revoked {formatDateTime(key.revokedAt, org.timeZone)}</StatusBadge>
                    ) : (
                      <StatusBadge tone="green">Active</StatusBadge>
                    )}
                  </Td>
                  <Td className="text-right">
                    {!key.revokedAt && (
                      <ActionButton
                        action={revokeApiKey}
                        fields={{ id: key.id }}
                        label="Revoke"
                        subject={key.name}
                        pendingLabel="Revoking…"
                        confirm={{ question: "Apps using this key are refused from their next request.", confirmLabel: "Revoke now" }}
                      />
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">
            Times are in {org.timeZone}. “Last used” is recorded at most once a minute per key, so it is accurate to the minute.
          </p>
        </>
      )}
      <FormSection title="Create an API key" description="The whole key is shown once, right after it is created.">
        <CreateApiKeyForm
          scopes={API_KEY_SCOPES.map((scope) => ({ value: scope, label: <code>{scope}</code>, description: SCOPE_DESCRIPTIONS[scope] }))}
          departments={activeOptions(departments)}
        />
      </FormSection>
      <FormSection title="How to call the API">
        <ApiUsageSnippet origin={`${origin}${basePath}`} />
      </FormSection>
    </>
  );
}
