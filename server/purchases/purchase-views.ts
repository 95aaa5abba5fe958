import type { purchases } from "../../db/schema";
import type { PurchaseQuote, QuoteLine } from "./quote-view";

export type PurchaseStatus = (typeof purchases.$inferSelect)["status"];
export type PurchaseSource = (typeof purchases.$inferSelect)["source"];

/** One purchase as lists show it: flat, so a row is a CSV line. */
export interface PurchaseRow {
  id: string;
  status: PurchaseStatus;
  source: PurchaseSource;
  creditsMicros: number;
  annualPrepay: boolean;
  currency: string;
  netMinor: number;
  totalMinor: number;
  /** The member who asked (for an API key: the member who created the key); null for auto top-up. */
  requestedByMemberId: string | null;
  requestedByName: string | null;
  requestedByEmail: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
  requiredApprovals: number;
  approvalCount: number;
  paymentMethod: string;
  invoiceNumber: string | null;
  note: string | null;
  idempotencyKey: string;
  createdAt: Date;
  expiresAt: Date | null;
  decidedAt: Date | null;
  paidAt: Date | null;
  grantId: string | null;
}

export interface InvoiceView {
  id: string;
  number: string;
  status: "issued" | "paid" | "void";
  currency: string;
  lines: QuoteLine[];
  taxRateBps: number;
  taxExact: string;
  totalMinor: number;
  issuedAt: Date;
  paidAt: Date | null;
  paidByMemberId: string | null;
  paymentReference: string | null;
  voidedAt: Date | null;
  /** Who the invoice is addressed to: the organisation's name. */
  billTo: string;
}

export interface ApprovalView {
  memberId: string;
  name: string;
  email: string;
  decision: "approved" | "rejected";
  comment: string | null;
  createdAt: Date;
}

export interface AuditEntryView {
  id: number;
  /** "member:<id>", "api_key:<id>", "system". */
  actor: string;
  /** The member's name, the API key's name, or "Allot". */
  actorName: string;
  action: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

/** What the caller may do with this purchase now (the server checks again on every call). */
export interface PurchasePermissions {
  approve: boolean;
  reject: boolean;
  cancel: boolean;
  markPaid: boolean;
}

export interface PurchaseDetail {
  purchase: PurchaseRow;
  /** The quote frozen at request time. */
  quote: PurchaseQuote;
  invoice: InvoiceView | null;
  approvals: ApprovalView[];
  audit: AuditEntryView[];
  permissions: PurchasePermissions;
}

/** `purchases.create`'s answer: the purchase as it is now; `replay` when the key was already used with this payload. */
export interface CreatePurchaseResult {
  purchase: PurchaseRow;
  quote: PurchaseQuote;
  invoice: InvoiceView | null;
  replay: boolean;
}

export interface InboxItem extends PurchaseRow {
  approvals: ApprovalView[];
  /** The caller may approve or reject it (finance, not the requester, not decided yet). */
  canDecide: boolean;
}

export interface CommitmentMonth {
  /** "2026-04", in the organisation's time zone. */
  month: string;
  minimumMinor: number;
  /** Net (after discounts, before tax) of the purchases paid that month. */
  purchasedMinor: number;
  /** max(0, minimum − purchased). */
  shortfallMinor: number;
  status: "past" | "current" | "upcoming";
}

export interface CommitmentShortfall {
  currency: string;
  contract: { monthlyMinimumMinor: number; months: number; discountBps: number; startMonth: string; endMonth: string; active: boolean } | null;
  months: CommitmentMonth[];
  /** Σ shortfall of the months that are over (past). */
  pastShortfallMinor: number;
  /** The current month's shortfall so far. */
  currentShortfallMinor: number;
}
