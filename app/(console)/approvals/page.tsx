import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { FinanceOnly } from "../purchases/_components/finance-only";
import { financeReaderApi } from "../purchases/_lib/finance-reader";
import { InboxItem } from "./inbox-item";

export const metadata: Metadata = { title: "Approvals" };

const TITLE = "Approvals";

export default async function ApprovalsPage() {
  const reader = await financeReaderApi();
  if (!reader) return <FinanceOnly title={TITLE} />;
  const { api, member } = reader;
  const [org, settings, items] = await Promise.all([api.org.get(), api.purchases.settings(), api.approvals.inbox()]);
  // The inbox rows carry no quote; each request's frozen quote comes with its detail.
  const details = await Promise.all(items.map((item) => api.purchases.get({ purchaseId: item.id })));
  return (
    <>
      <PageHeader
        title={TITLE}
        description={`Purchases at or above the approval threshold wait here, oldest first, until finance decides or they expire (after ${settings.approvalExpiryHours} hours). Nobody decides their own request. Times in ${org.timeZone}.`}
        actions={
          <>
            <Link href="/purchases?status=awaiting_payment" className="py-2 text-sm text-blue-600 hover:underline dark:text-blue-400">
              Unpaid invoices →
            </Link>
            <Link href="/purchases" className="py-2 text-sm text-blue-600 hover:underline dark:text-blue-400">
              All purchases →
            </Link>
          </>
        }
      />
      {items.length === 0 ? (
        <EmptyState title="Nothing waits for approval">
          Requests at or above the threshold{settings.approvalThresholdMinor === null ? " (none is set: see Billing settings)" : ""} appear here, and finance is e-mailed.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {items.map((item, index) => (
            <InboxItem key={item.id} item={item} quote={details[index]!.quote} member={member} timeZone={org.timeZone} />
          ))}
        </div>
      )}
    </>
  );
}
