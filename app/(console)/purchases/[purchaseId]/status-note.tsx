import { formatCredits, formatDateTime } from "@/app/_lib/format";
import type { PurchaseDetail } from "../_lib/purchase-labels";

const TONES = {
  waiting: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
  done: "border-green-300 bg-green-50 text-green-900 dark:border-green-900 dark:bg-green-950 dark:text-green-100",
  over: "border-gray-300 bg-gray-50 text-gray-800 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200",
};

/** Where the purchase stands and what happens next, in one sentence. */
export function StatusNote({ detail, timeZone }: { detail: PurchaseDetail; timeZone: string }) {
  const { purchase, invoice } = detail;
  const at = (value: Date | null) => formatDateTime(value, timeZone);
  const [tone, text] = ((): [keyof typeof TONES, string] => {
    switch (purchase.status) {
      case "pending_approval":
        return [
          "waiting",
          `Waiting for finance: ${purchase.approvalCount} of ${purchase.requiredApprovals} approval${purchase.requiredApprovals === 1 ? "" : "s"} so far.${purchase.expiresAt ? ` It expires ${at(purchase.expiresAt)} if nobody decides.` : ""}`,
        ];
      case "awaiting_payment":
        return ["waiting", `Invoice ${invoice?.number ?? ""} is issued. The credits are granted when finance marks it paid.`];
      case "paid":
        return ["done", `Paid ${at(purchase.paidAt)}: ${formatCredits(purchase.creditsMicros)} credits were granted${purchase.annualPrepay ? ", expiring 12 months later" : ""}.`];
      case "rejected":
        return ["over", `Rejected ${at(purchase.decidedAt)}. Nothing was charged.`];
      case "expired":
        return ["over", `Nobody decided in time; it expired ${at(purchase.decidedAt ?? purchase.expiresAt)}. Nothing was charged.`];
      case "cancelled":
        return ["over", `Cancelled ${at(purchase.decidedAt)}.${invoice?.status === "void" ? ` Invoice ${invoice.number} is void.` : ""}`];
    }
  })();
  return (
    <p role="status" data-testid="purchase-status-note" className={`mb-6 rounded-lg border p-4 text-sm ${TONES[tone]}`}>
      {text}
    </p>
  );
}
