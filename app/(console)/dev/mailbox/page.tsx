import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/app/_components/empty-state";
import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_lib/format";
import { serverApi } from "@/server/api/server";
import { EmailFrame } from "../../admin/deliveries/email-frame";
import { orNotFound } from "@/app/_lib/or-not-found";

export const metadata: Metadata = { title: "Mailbox (dev)" };

type Api = Awaited<ReturnType<typeof serverApi>>;

/** The mailbox exists only where it is in use (server/env.ts: devMailboxEnabled); elsewhere the procedure refuses and this page does not exist. */
async function openMailbox(api: Api) {
  try {
    return await api.outbox.mailbox({ limit: 100 });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") notFound();
    throw error;
  }
}

export default async function MailboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const api = await serverApi();
  const [org, mailbox, params] = await Promise.all([api.org.get(), openMailbox(api), searchParams]);
  const selectedId = param(params, "message") ?? mailbox[0]?.id;
  const selected = selectedId ? await orNotFound(api.outbox.mailboxMessage({ messageId: selectedId })) : undefined;
  return (
    <>
      <PageHeader
        title="Mailbox (dev)"
        description={`Without a Resend key, development delivers e-mail here instead of sending it. Newest first; times in ${org.timeZone}.`}
      />
      {mailbox.length === 0 ? (
        <EmptyState title="The mailbox is empty">
          Alert e-mails land here once the outbox sends them: the dispatcher runs every few seconds, and administrators can
          use “Send now” on Deliveries.
        </EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
          <ol aria-label="E-mails, newest first" className="space-y-2">
            {mailbox.map((message) => {
              const current = message.id === selected?.id;
              return (
                <li key={message.id}>
                  <Link
                    href={`/dev/mailbox?message=${message.id}`}
                    aria-current={current ? "true" : undefined}
                    className={`block rounded-lg border p-3 text-sm ${
                      current
                        ? "border-blue-400 bg-blue-50 dark:border-blue-700 dark:bg-blue-950"
                        : "border-gray-200 bg-white hover:bg-gray-50 dark:border-gray-800 dark:bg-gray-900 dark:hover:bg-gray-800"
                    }`}
                  >
                    <span className="block font-medium">{message.subject}</span>
                    <span className="block truncate text-gray-600 dark:text-gray-300">To {message.recipient}</span>
                    <span className="block text-xs text-gray-500 dark:text-gray-400">{formatDateTime(message.sentAt ?? message.createdAt, org.timeZone)}</span>
                  </Link>
                </li>
              );
            })}
          </ol>
          {selected && (
            <article aria-label="Selected e-mail">
              <h2 className="text-lg font-medium">{selected.rendered?.subject ?? selected.template}</h2>
              <p className="mb-3 text-sm text-gray-500 dark:text-gray-400">
                To {selected.recipient} · {formatDateTime(selected.sentAt ?? selected.createdAt, org.timeZone)}
              </p>
              {selected.rendered ? (
                <EmailFrame subject={selected.rendered.subject} html={selected.rendered.html} />
              ) : (
                <p role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
                  This e-mail cannot be rendered: {selected.renderError}
                </p>
              )}
            </article>
          )}
        </div>
      )}
    </>
  );
}
