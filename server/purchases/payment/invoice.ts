import { and, eq, sql } from "drizzle-orm";
import { invoiceCounters, invoices, organizations } from "../../../db/schema";
import type { Transaction } from "../../../db/transaction";
import { AppError } from "../../lib/errors";
import { uuidv7 } from "../../lib/ids";
import type { PurchaseQuote } from "../quote-view";
import type { PaymentMethod } from "./payment-method";

/** "INV-2026-000042": per organisation and year, six digits at least. */
export const invoiceNumber = (year: number, sequence: number) => `INV-${year}-${String(sequence).padStart(6, "0")}`;

/**
 * The next invoice number of the organisation for the current year (its time zone, the database's
 * clock). The counter row is incremented in the caller's transaction: if that transaction rolls
 * back, so does the number, and concurrent issuers queue on the row — so numbers have no gaps.
 */
async function allocateInvoiceNumber(tx: Transaction, orgId: string): Promise<{ year: number; sequence: number }> {
  const year = sql`extract(year FROM now() AT TIME ZONE (SELECT ${organizations.timeZone} FROM ${organizations} WHERE ${organizations.id} = ${orgId}))::int`;
  const [row] = await tx
    .insert(invoiceCounters)
    .values({ orgId, year, lastSequence: 1 })
    .onConflictDoUpdate({ target: [invoiceCounters.orgId, invoiceCounters.year], set: { lastSequence: sql`${invoiceCounters.lastSequence} + 1` } })
    .returning({ year: invoiceCounters.year, sequence: invoiceCounters.lastSequence });
  return row!;
}

/** The default payment method: an invoice that finance marks paid once the money arrives. */
export const invoicePayment: PaymentMethod = {
  name: "invoice",

  async start(tx, purchase) {
    const { year, sequence } = await allocateInvoiceNumber(tx, purchase.orgId);
    const quote = purchase.quote as PurchaseQuote;
    const number = invoiceNumber(year, sequence);
    await tx.insert(invoices).values({
      orgId: purchase.orgId,
      id: uuidv7(),
      purchaseId: purchase.id,
      number,
      year,
      sequence,
      currency: purchase.currency,
      lines: quote.lines,
      taxRateBps: quote.lines.find((line) => line.kind === "tax")?.rateBps ?? 0,
      taxExact: quote.taxExact,
      totalMinor: purchase.totalMinor,
    });
    return { completed: false, details: { invoiceNumber: number } };
  },

  async complete(tx, purchase, completion) {
    const [paid] = await tx
      .update(invoices)
      .set({ status: "paid", paidAt: sql`now()`, paidByMemberId: completion.actorMemberId, paymentReference: completion.reference })
      .where(and(eq(invoices.orgId, purchase.orgId), eq(invoices.purchaseId, purchase.id), eq(invoices.status, "issued")))
      .returning({ number: invoices.number });
    if (!paid) throw new AppError("CONFLICT", "This purchase has no unpaid invoice", { purchaseId: purchase.id });
    return { invoiceNumber: paid.number, paymentReference: completion.reference };
  },

  async void(tx, purchase) {
    const [voided] = await tx
      .update(invoices)
      .set({ status: "void", voidedAt: sql`now()` })
      .where(and(eq(invoices.orgId, purchase.orgId), eq(invoices.purchaseId, purchase.id), eq(invoices.status, "issued")))
      .returning({ number: invoices.number });
    return voided ? { invoiceNumber: voided.number, invoiceStatus: "void" } : {};
  },
};
