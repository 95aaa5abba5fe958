import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_lib/format";
import { AdminOnly } from "../../_components/admin-only";
import { adminApi } from "../../_lib/admin-api";
import { orNotFound } from "@/app/_lib/or-not-found";
import { EmailFrame } from "../email-frame";
import { MessageStatus } from "../message-status";
import { ResendButton } from "../resend-button";

export const metadata: Metadata = { title: "Message" };

export default async function MessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  const { messageId } = await params;
  const admin = await adminApi();
  if (!admin) return <AdminOnly title="Message" />;
  const [org, message] = await Promise.all([admin.api.org.get(), orNotFound(admin.api.outbox.get({ messageId }))]);
  const subject = message.rendered?.subject ?? message.template;
  const facts: [string, React.ReactNode][] = [
    ["Status", <MessageStatus key="status" status={message.status} />],
    ["Recipient", message.recipient],
    ["Template", <code key="template">{message.template}</code>],
    ["Attempts", message.attempts],
    ["Queued", formatDateTime(message.createdAt, org.timeZone)],
    ["Next attempt", message.status === "pending" ? formatDateTime(message.nextAttemptAt, org.timeZone) : "—"],
    ["Sent", formatDateTime(message.sentAt, org.timeZone)],
    ["Provider id", message.providerMessageId ?? "—"],
    ["Last error", message.lastError ?? "—"],
  ];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/deliveries" className="text-blue-700 hover:underline dark:text-blue-300">
          ← Deliveries
        </Link>
      </nav>
      <PageHeader title={subject} description={`Times in ${org.timeZone}.`} actions={<ResendButton messageId={message.id} status={message.status} subject={subject} />} />
      <dl className="mb-6 grid gap-4 rounded-lg border border-gray-200 bg-white p-5 text-sm sm:grid-cols-3 dark:border-gray-800 dark:bg-gray-900">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt className="text-gray-500 dark:text-gray-400">{term}</dt>
            <dd className="mt-0.5 break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {message.rendered ? (
        <>
          <h2 className="mb-2 text-lg font-medium">As the recipient sees it</h2>
          <EmailFrame subject={message.rendered.subject} html={message.rendered.html} />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-blue-700 dark:text-blue-300">Plain-text version</summary>
            <pre className="mt-2 overflow-x-auto rounded-lg border border-gray-200 bg-white p-4 text-xs whitespace-pre-wrap dark:border-gray-800 dark:bg-gray-900">
              {message.rendered.text}
            </pre>
          </details>
        </>
      ) : (
        <p role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          This message cannot be rendered, so it will never be sent: {message.renderError}
        </p>
      )}
    </>
  );
}
