import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDate, formatDateTime, formatMoney } from "@/app/_lib/format";
import { serverApi } from "@/server/api/server";
import { percent } from "@/server/purchases/quote-view";
import { ConfirmForm } from "../../purchases/_components/confirm-form";
import { QuoteBreakdown } from "../../purchases/_components/quote-breakdown";
import { loadPurchase } from "../../purchases/_lib/load-purchase";
import { requesterName } from "../../purchases/_lib/purchase-labels";
import { markInvoicePaid } from "../actions";
import styles from "./invoice.module.css";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Invoice" };

const STAMPS = {
  issued: { label: "Unpaid", className: "border-amber-500 text-amber-700 dark:text-amber-300" },
  paid: { label: "Paid", className: "border-green-600 text-green-700 dark:text-green-300" },
  void: { label: "Void", className: "border-gray-500 text-gray-600 dark:text-gray-300" },
};

/** The invoice of a purchase, laid out to print; finance marks it paid here, which grants the credits. */
export default async function InvoicePage({ params }: { params: Promise<{ purchaseId: string }> }) {
  const { purchaseId } = await params;
  const api = await serverApi();
  const [org, detail] = await Promise.all([api.org.get(), loadPurchase(api, purchaseId)]);
  const { invoice, purchase, permissions } = detail;
  if (!invoice) notFound();
  const timeZone = org.timeZone;
  const stamp = STAMPS[invoice.status];
  const total = formatMoney(invoice.totalMinor, invoice.currency);
  const facts: [string, React.ReactNode][] = [
    ["Bill to", invoice.billTo],
    ["Issued", formatDate(invoice.issuedAt, timeZone)],
    ["Requested by", requesterName(purchase)],
    ["Payment", invoice.status === "paid" ? `Paid ${formatDateTime(invoice.paidAt, timeZone)}` : invoice.status === "void" ? `Void since ${formatDate(invoice.voidedAt, timeZone)}` : "By bank transfer, quoting the invoice number"],
  ];
  if (invoice.paymentReference) facts.push(["Payment reference", invoice.paymentReference]);
  facts.push([
    "Purchase",
    <Link key="purchase" href={`/purchases/${purchase.id}`} className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-300">
      {purchase.id}
    </Link>,
  ]);

  return (
    <>
      <div className="mb-4 flex max-w-3xl flex-wrap items-start justify-between gap-4 print:hidden">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href={`/purchases/${purchase.id}`} className="text-blue-700 hover:underline dark:text-blue-300">
            ← Purchase
          </Link>
        </nav>
        <div className="flex flex-wrap items-start gap-2">
          <PrintButton />
          {permissions.markPaid && invoice.status === "issued" && (
            <ConfirmForm
              action={markInvoicePaid}
              fields={{ purchaseId: purchase.id }}
              label="Mark paid"
              question={`Mark invoice ${invoice.number} paid (${total})? The credits are granted at once; this cannot be undone.`}
              pendingLabel="Marking paid…"
              variant="primary"
              note={{ name: "reference", label: "Payment reference (optional)", hint: "A bank transfer id or cheque number, printed on the invoice.", maxLength: 200 }}
              dismissLabel="Not yet"
            />
          )}
        </div>
      </div>

      <article aria-labelledby="invoice-number" className={`${styles.invoice} max-w-3xl rounded-lg border border-gray-200 bg-white p-8 shadow-sm dark:border-gray-800 dark:bg-gray-900`}>
        <header className="flex flex-wrap items-start justify-between gap-4 border-b border-gray-200 pb-6 dark:border-gray-800">
          <div>
            <p className="text-sm font-medium uppercase tracking-wide text-gray-500 dark:text-gray-400">Invoice · Allot credits</p>
            <h1 id="invoice-number" className="mt-1 font-mono text-2xl font-semibold">
              {invoice.number}
            </h1>
          </div>
          <p data-testid="invoice-status" className={`-rotate-6 rounded border-4 px-3 py-1 text-xl font-bold uppercase tracking-widest ${stamp.className}`}>
            {stamp.label}
          </p>
        </header>

        <dl className="mt-6 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt className="text-gray-500 dark:text-gray-400">{term}</dt>
              <dd className="font-medium">{value}</dd>
            </div>
          ))}
        </dl>

        <div className="mt-8">
          <QuoteBreakdown lines={invoice.lines} caption={`Lines of invoice ${invoice.number}`} header={["Description", `Amount (${invoice.currency})`]} />
        </div>

        <p className="mt-6 flex items-baseline justify-between border-t-2 border-gray-900 pt-3 text-lg font-semibold dark:border-gray-100">
          <span>{invoice.status === "paid" ? "Amount paid" : "Amount due"}</span>
          <span className="tabular-nums" data-testid="invoice-total">
            {total}
          </span>
        </p>

        <footer className="mt-8 space-y-1 text-xs text-gray-500 dark:text-gray-400">
          <p>
            Graduated volume pricing: each band&apos;s credits at that band&apos;s price. Discounts apply in the order shown, each to the amount before
            it; tax ({percent(invoice.taxRateBps)}) is charged on the net. Every amount is exact; the total is rounded half-up to the minor unit once.
          </p>
          {purchase.annualPrepay && <p>Annual prepay: the credits expire 12 months after they are granted.</p>}
        </footer>
      </article>
    </>
  );
}
