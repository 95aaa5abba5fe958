import { z } from "zod";
import type { EmailTemplate } from "./enqueue";

/**
 * What each e-mail template's payload must hold (the row's `payload`, written when the e-mail was
 * queued). A row that does not match is a permanent failure of that message, never a crash.
 */
const micros = z.number().int().safe();
const instant = z.iso.datetime({ offset: true });

export const budgetAlertPayloadSchema = z.object({
  alertId: z.uuid(),
  budgetId: z.uuid(),
  budgetName: z.string().min(1),
  scope: z.enum(["organization", "department", "project", "agent", "user"]),
  mode: z.enum(["alert", "pause"]),
  thresholdPercent: z.number().int().min(1).max(100),
  spentMicros: micros.nonnegative(),
  limitMicros: micros.positive(),
  periodStart: instant,
  periodEnd: instant,
  projectedExhaustionAt: instant.nullable(),
});

export const lowBalancePayloadSchema = z.object({
  alertId: z.uuid(),
  availableMicros: micros,
  thresholdMicros: micros.nonnegative(),
});

export const testMessagePayloadSchema = z.object({
  requestedBy: z.string().min(1),
});

const money = z.number().int().safe().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/);

/** A purchase at or above the approval threshold waits for finance (sent to each finance member but the requester). */
export const purchaseApprovalRequestedPayloadSchema = z.object({
  purchaseId: z.uuid(),
  source: z.enum(["request", "auto_top_up"]),
  /** The requester's name (or "Auto top-up"). */
  requestedBy: z.string().min(1),
  creditsMicros: micros.positive(),
  totalMinor: money,
  currency,
  requiredApprovals: z.number().int().min(1).max(2),
  note: z.string().nullable(),
  expiresAt: instant.nullable(),
});

/** The requester learns what became of their request. */
export const purchaseDecisionPayloadSchema = z.object({
  purchaseId: z.uuid(),
  decision: z.enum(["approved", "rejected", "expired"]),
  creditsMicros: micros.positive(),
  totalMinor: money,
  currency,
  /** Who decided (null when the request expired). */
  decidedBy: z.string().nullable(),
  comment: z.string().nullable(),
  /** The invoice to pay, when approved. */
  invoiceNumber: z.string().nullable(),
});

/** What auto top-up did for the administrators: bought a block, asked for approval, or stopped at the monthly cap. */
export const autoTopUpPayloadSchema = z.object({
  event: z.enum(["purchase_started", "approval_requested", "cap_reached"]),
  purchaseId: z.uuid().nullable(),
  creditsMicros: micros.positive(),
  totalMinor: money,
  currency,
  availableMicros: micros,
  thresholdMicros: micros.nonnegative(),
  monthlyCapMinor: money,
  /** What auto top-ups bought this calendar month before this one. */
  boughtThisMonthMinor: money,
  /** "2026-04", in the organisation's time zone. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  invoiceNumber: z.string().nullable(),
});

/** An invitation to join the organisation; the link carries the token (only its hash is stored with the invitation). */
export const memberInvitePayloadSchema = z.object({
  inviteId: z.uuid(),
  token: z.string().min(16),
  role: z.enum(["admin", "finance", "department_head", "member"]),
  invitedBy: z.string().min(1),
  expiresAt: instant,
});

export const EMAIL_PAYLOAD_SCHEMAS = {
  "budget-threshold": budgetAlertPayloadSchema,
  "budget-exhausted": budgetAlertPayloadSchema,
  "low-balance": lowBalancePayloadSchema,
  "test-message": testMessagePayloadSchema,
  "purchase-approval-requested": purchaseApprovalRequestedPayloadSchema,
  "purchase-decision": purchaseDecisionPayloadSchema,
  "auto-top-up": autoTopUpPayloadSchema,
  "member-invite": memberInvitePayloadSchema,
} satisfies Record<EmailTemplate, z.ZodType>;

export type BudgetAlertPayload = z.infer<typeof budgetAlertPayloadSchema>;
export type LowBalancePayload = z.infer<typeof lowBalancePayloadSchema>;
export type TestMessagePayload = z.infer<typeof testMessagePayloadSchema>;
export type PurchaseApprovalRequestedPayload = z.infer<typeof purchaseApprovalRequestedPayloadSchema>;
export type PurchaseDecisionPayload = z.infer<typeof purchaseDecisionPayloadSchema>;
export type AutoTopUpPayload = z.infer<typeof autoTopUpPayloadSchema>;
export type MemberInvitePayload = z.infer<typeof memberInvitePayloadSchema>;

/** What every template gets besides its payload: where links point and the organisation's clock face. */
export interface EmailContext {
  appUrl: string;
  organizationName: string;
  timeZone: string;
}
