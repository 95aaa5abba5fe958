import { and, eq } from "drizzle-orm";
import { invoices, organizations, purchases } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { notFound } from "../lib/errors";
import { purchaseRow } from "./purchase-store";
import type { InvoiceView, PurchaseRow } from "./purchase-views";
import type { PurchaseQuote, QuoteLine } from "./quote-view";

/** A purchase with its frozen quote and its invoice (if the payment step issued one). */
export async function purchaseView(db: DbOrTx, orgId: string, purchaseId: string): Promise<{ purchase: PurchaseRow; quote: PurchaseQuote; invoice: InvoiceView | null }> {
  const [purchase, [stored], invoice] = await Promise.all([
    purchaseRow(db, orgId, purchaseId),
    db
      .select({ quote: purchases.quote })
      .from(purchases)
      .where(and(eq(purchases.orgId, orgId), eq(purchases.id, purchaseId))),
    invoiceOf(db, orgId, purchaseId),
  ]);
  if (!stored) throw notFound("Purchase", { purchaseId });
  return { purchase, quote: stored.quote as PurchaseQuote, invoice };
}

async function invoiceOf(db: DbOrTx, orgId: string, purchaseId: string): Promise<InvoiceView | null> {
  const [row] = await db
    .select({ invoice: invoices, billTo: organizations.name })
    .from(invoices)
    .innerJoin(organizations, eq(organizations.id, invoices.orgId))
    .where(and(eq(invoices.orgId, orgId), eq(invoices.purchaseId, purchaseId)));
  if (!row) return null;
  const { invoice } = row;
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    currency: invoice.currency,
    lines: invoice.lines as QuoteLine[],
    taxRateBps: invoice.taxRateBps,
    taxExact: invoice.taxExact,
    totalMinor: invoice.totalMinor,
    issuedAt: invoice.issuedAt,
    paidAt: invoice.paidAt,
    paidByMemberId: invoice.paidByMemberId,
    paymentReference: invoice.paymentReference,
    voidedAt: invoice.voidedAt,
    billTo: row.billTo,
  };
}
