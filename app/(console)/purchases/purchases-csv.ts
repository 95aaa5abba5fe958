import { formatIsoInZone } from "@/app/_lib/format";
import { toCsv } from "@/server/lib/csv";
import { formatScaled } from "@/server/lib/decimal";
import { currencyMinorDigits } from "../admin/_lib/currency";
import type { PurchaseRow } from "./_lib/purchase-labels";

/** Each purchase: exact credits beside integer micro-credits, money in major units beside integer minor units, times in the organisation's zone. */
export function purchasesCsv(rows: PurchaseRow[], timeZone: string): string {
  const at = (value: Date | string | null) => (value ? formatIsoInZone(value, timeZone) : "");
  const money = (minor: number, currency: string) => formatScaled(minor, currencyMinorDigits(currency));
  return toCsv(rows, [
    { header: "id", value: (p) => p.id },
    { header: `requested_at (${timeZone})`, value: (p) => at(p.createdAt) },
    { header: "status", value: (p) => p.status },
    { header: "source", value: (p) => p.source },
    { header: "requested_by", value: (p) => p.requestedByName },
    { header: "requested_by_email", value: (p) => p.requestedByEmail },
    { header: "api_key", value: (p) => p.apiKeyName },
    { header: "credits", value: (p) => formatScaled(p.creditsMicros, 6) },
    { header: "credits_micros", value: (p) => p.creditsMicros },
    { header: "annual_prepay", value: (p) => p.annualPrepay },
    { header: "currency", value: (p) => p.currency },
    { header: "net", value: (p) => money(p.netMinor, p.currency) },
    { header: "net_minor", value: (p) => p.netMinor },
    { header: "total", value: (p) => money(p.totalMinor, p.currency) },
    { header: "total_minor", value: (p) => p.totalMinor },
    { header: "required_approvals", value: (p) => p.requiredApprovals },
    { header: "approvals", value: (p) => p.approvalCount },
    { header: "payment_method", value: (p) => p.paymentMethod },
    { header: "invoice_number", value: (p) => p.invoiceNumber },
    { header: `expires_at (${timeZone})`, value: (p) => at(p.expiresAt) },
    { header: `decided_at (${timeZone})`, value: (p) => at(p.decidedAt) },
    { header: `paid_at (${timeZone})`, value: (p) => at(p.paidAt) },
    { header: "grant_id", value: (p) => p.grantId },
    { header: "note", value: (p) => p.note },
  ]);
}
