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

export const EMAIL_PAYLOAD_SCHEMAS = {
  "budget-threshold": budgetAlertPayloadSchema,
  "budget-exhausted": budgetAlertPayloadSchema,
  "low-balance": lowBalancePayloadSchema,
  "test-message": testMessagePayloadSchema,
} satisfies Record<EmailTemplate, z.ZodType>;

export type BudgetAlertPayload = z.infer<typeof budgetAlertPayloadSchema>;
export type LowBalancePayload = z.infer<typeof lowBalancePayloadSchema>;
export type TestMessagePayload = z.infer<typeof testMessagePayloadSchema>;

/** What every template gets besides its payload: where links point and the organisation's clock face. */
export interface EmailContext {
  appUrl: string;
  organizationName: string;
  timeZone: string;
}
