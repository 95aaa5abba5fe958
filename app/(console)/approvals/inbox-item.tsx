import Link from "next/link";
import { formatCredits, formatDateTime, formatMoney } from "@/app/_lib/format";
import type { MemberPrincipal } from "@/server/auth/principal";
import type { InboxItem as Item } from "@/server/purchases/purchase-views";
import { ApprovalDecisions } from "../purchases/_components/approval-decisions";
import { QuoteBreakdown } from "../purchases/_components/quote-breakdown";
import { requesterName, type PurchaseQuote } from "../purchases/_lib/purchase-labels";
import { DecisionForm } from "./decision-form";

/** Why this member cannot decide a request they see: finance never decides its own, nor twice. */
function whyNot(item: Item, member: MemberPrincipal): string {
  if (item.requestedByMemberId === member.memberId) return "Your own request: another finance member must decide it.";
  if (item.approvals.some((approval) => approval.memberId === member.memberId)) return "You approved it; it waits for a second, different finance approver.";
  return member.role === "finance" ? "You cannot decide this request." : "Only finance decides purchases; administrators see the inbox.";
}

/** One pending request: who wants what and why, the quote, the decisions so far, and the decision form. */
export function InboxItem({ item, quote, member, timeZone }: { item: Item; quote: PurchaseQuote; member: MemberPrincipal; timeZone: string }) {
  const credits = formatCredits(item.creditsMicros);
  const total = formatMoney(item.totalMinor, item.currency);
  const who = requesterName(item);
  const headingId = `request-${item.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-gray-200 bg-white p-5 dark:border-gray-800 dark:bg-gray-900">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-lg font-medium">
            <Link href={`/purchases/${item.id}`} className="hover:underline">
              {credits} credits for {total}
            </Link>
          </h2>
          <p className="text-sm text-gray-600 dark:text-gray-300">
            Requested by <span className="font-medium">{who}</span>
            {item.requestedByEmail && <span className="text-gray-500 dark:text-gray-400"> ({item.requestedByEmail})</span>} on {formatDateTime(item.createdAt, timeZone)}
            {item.annualPrepay && " · annual prepay"}
          </p>
        </div>
        <p className="text-right text-sm">
          <span className="font-medium">
            {item.approvalCount} of {item.requiredApprovals} approval{item.requiredApprovals === 1 ? "" : "s"}
          </span>
          {item.expiresAt && <span className="block text-gray-500 dark:text-gray-400">Expires {formatDateTime(item.expiresAt, timeZone)}</span>}
        </p>
      </div>
      {item.note && (
        <blockquote className="mt-3 border-l-4 border-gray-200 pl-3 text-sm text-gray-700 dark:border-gray-700 dark:text-gray-300">{item.note}</blockquote>
      )}
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <details className="text-sm" open>
          <summary className="cursor-pointer font-medium">Quote</summary>
          <div className="mt-2">
            <QuoteBreakdown lines={quote.lines} caption={`Quote for ${credits} credits`} />
          </div>
        </details>
        <div className="space-y-4">
          {item.approvals.length > 0 && <ApprovalDecisions approvals={item.approvals} timeZone={timeZone} />}
          {item.canDecide ? (
            <DecisionForm purchaseId={item.id} summary={`${credits} credits for ${total} from ${who}`} />
          ) : (
            <p className="rounded-md bg-gray-50 p-3 text-sm text-gray-600 dark:bg-gray-800 dark:text-gray-300">{whyNot(item, member)}</p>
          )}
        </div>
      </div>
    </article>
  );
}
