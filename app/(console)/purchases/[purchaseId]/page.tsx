import { Card } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { formatCredits, formatDateTime, formatMoney } from "@/app/_lib/format";
import { requireMember, serverApi } from "@/server/api/server";
import { secondaryButton } from "../../admin/_components/button-styles";
import { DecisionForm } from "../../approvals/decision-form";
import { ApprovalDecisions } from "../_components/approval-decisions";
import { ConfirmForm } from "../_components/confirm-form";
import { QuoteBreakdown } from "../_components/quote-breakdown";
import { loadPurchase } from "../_lib/load-purchase";
import { requesterName } from "../_lib/purchase-labels";
import { cancelPurchase } from "../actions";
import { AuditTrail } from "./audit-trail";
import { PurchaseFacts } from "./purchase-facts";
import { StatusNote } from "./status-note";

export const metadata: Metadata = { title: "Purchase" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="mb-2 text-lg font-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function PurchasePage({ params }: { params: Promise<{ purchaseId: string }> }) {
  const { purchaseId } = await params;
  const member = await requireMember();
  const api = await serverApi();
  const [org, detail] = await Promise.all([api.org.get(), loadPurchase(api, purchaseId)]);
  const { purchase, invoice, permissions } = detail;
  const timeZone = org.timeZone;
  const credits = formatCredits(purchase.creditsMicros);
  const total = formatMoney(purchase.totalMinor, purchase.currency);
  const withdrawing = purchase.status === "pending_approval";

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/purchases" className="text-blue-700 hover:underline dark:text-blue-300">
          ← Purchases
        </Link>
      </nav>
      <PageHeader
        title={`${credits} credits for ${total}`}
        description={`Requested by ${purchase.requestedByMemberId === member.memberId ? "you" : requesterName(purchase)} on ${formatDateTime(purchase.createdAt, timeZone)} (${timeZone}).`}
        actions={
          <>
            {invoice && (
              <Link href={`/invoices/${purchase.id}`} className={secondaryButton}>
                Invoice {invoice.number}
              </Link>
            )}
            {permissions.cancel && (
              <ConfirmForm
                action={cancelPurchase}
                fields={{ purchaseId: purchase.id }}
                label={withdrawing ? "Withdraw request" : "Void invoice"}
                question={withdrawing ? "Withdraw this request? Finance will no longer see it." : `Void invoice ${invoice?.number ?? ""} and cancel the purchase? No credits are granted.`}
                pendingLabel="Cancelling…"
                variant="danger"
                note={{ name: "reason", label: "Reason (optional)", hint: "Kept in the audit trail.", maxLength: 500 }}
                dismissLabel="Keep it"
              />
            )}
          </>
        }
      />
      <StatusNote detail={detail} timeZone={timeZone} />

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-medium">Details</h2>
          <PurchaseFacts detail={detail} timeZone={timeZone} />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-medium">Quote</h2>
          <QuoteBreakdown lines={detail.quote.lines} caption="The quote as it was requested" />
          <p className="mt-3 text-xs text-gray-500 dark:text-gray-400">Frozen when the purchase was requested; later changes to prices or discounts do not touch it.</p>
        </Card>
      </div>

      {purchase.requiredApprovals > 0 && (
        <Section id="approvals" title="Approval">
          <Card>
            {detail.approvals.length === 0 ? (
              <p className="text-sm text-gray-500 dark:text-gray-400">
                No decision yet. {purchase.requiredApprovals === 2 ? "Two different finance members" : "A finance member"} other than the requester must approve it.
              </p>
            ) : (
              <ApprovalDecisions approvals={detail.approvals} timeZone={timeZone} />
            )}
            {(permissions.approve || permissions.reject) && (
              <div className="mt-4 border-t border-gray-200 pt-4 dark:border-gray-800">
                <DecisionForm purchaseId={purchase.id} summary={`${credits} credits for ${total} from ${requesterName(purchase)}`} />
              </div>
            )}
          </Card>
        </Section>
      )}

      <Section id="audit" title="Audit trail">
        {detail.audit.length === 0 ? (
          <EmptyState title="No entries yet">Every change to this purchase is recorded here, with who made it.</EmptyState>
        ) : (
          <AuditTrail entries={detail.audit} timeZone={timeZone} />
        )}
      </Section>
    </>
  );
}
