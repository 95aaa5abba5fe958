import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { PageHeader } from "@/app/_components/page-header";
import { Table, Td, Th } from "@/app/_components/table";
import { formatDateTime } from "@/app/_lib/format";
import { AdminOnly } from "../_components/admin-only";
import { adminApi } from "../_lib/admin-api";
import { Tabs } from "@/app/_components/tabs";
import { MessageStatus, MessageTiming, STATUS_LABELS } from "./message-status";
import { ResendButton } from "./resend-button";
import { SendTestForm } from "./send-test-form";

export const metadata: Metadata = { title: "Deliveries" };

const TITLE = "Deliveries";
const PATH = "/admin/deliveries";
const SHOWN = 200;
const STATUSES = ["pending", "sent", "failed"] as const;
type Status = (typeof STATUSES)[number];

const isStatus = (value: string | undefined): value is Status => STATUSES.includes(value as Status);

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await adminApi();
  if (!admin) return <AdminOnly title={TITLE} />;
  const requested = param(await searchParams, "status");
  const status = isStatus(requested) ? requested : undefined;
  const [org, messages] = await Promise.all([admin.api.org.get(), admin.api.outbox.list({ status, limit: SHOWN })]);
  return (
    <>
      <PageHeader
        title={TITLE}
        description={`E-mails Allot sends (alerts, tests), through an outbox: each is retried with backoff until the mail service accepts it, and never sent twice. Times in ${org.timeZone}.`}
        actions={<SendTestForm />}
      />
      <Tabs
        label="Message status"
        tabs={[{ href: PATH, label: "All" }, ...STATUSES.map((s) => ({ href: `${PATH}?status=${s}`, label: STATUS_LABELS[s] }))]}
        current={status ? `${PATH}?status=${status}` : PATH}
      />
      {messages.length === 0 ? (
        <EmptyState title={status ? `No ${status} messages` : "Nothing sent yet"}>
          Alert e-mails appear here as budgets cross their thresholds; “Send a test e-mail to me” checks the set-up.
        </EmptyState>
      ) : (
        <>
          <Table caption="Outgoing messages, newest first">
            <thead>
              <tr>
                <Th>Queued</Th>
                <Th>Message</Th>
                <Th>Recipient</Th>
                <Th>Status</Th>
                <Th numeric>Attempts</Th>
                <Th>Last error</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id} className="align-top">
                  <Td className="whitespace-nowrap">{formatDateTime(message.createdAt, org.timeZone)}</Td>
                  <Td className="min-w-56">
                    <Link href={`/admin/deliveries/${message.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
                      {message.subject}
                    </Link>
                    <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">{message.template}</span>
                  </Td>
                  <Td className="whitespace-nowrap">{message.recipient}</Td>
                  <Td className="whitespace-nowrap">
                    <MessageStatus status={message.status} />
                    <MessageTiming message={message} timeZone={org.timeZone} />
                  </Td>
                  <Td numeric>{message.attempts}</Td>
                  <Td className="max-w-xs text-xs break-words text-red-700 dark:text-red-300">{message.lastError ?? ""}</Td>
                  <Td className="text-right whitespace-nowrap">
                    <ResendButton messageId={message.id} status={message.status} subject={message.subject} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {messages.length >= SHOWN && <p className="mt-2 text-sm text-gray-500 dark:text-gray-400">The {SHOWN} most recent messages.</p>}
        </>
      )}
    </>
  );
}
