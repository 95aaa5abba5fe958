import { z } from "zod";
import { idempotencyKeySchema } from "../usage/event-input";
import { MAX_PURCHASE_MICROS } from "./quote-math";

/** What a purchase is for: credits (micro-credits) or money (minor units: the most whole credits it buys). */
const amountFields = {
  creditsMicros: z.number().int().positive().max(MAX_PURCHASE_MICROS).optional(),
  amountMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  /** Annual prepay: the annual discount applies and the credits expire 12 months after they are granted. */
  annualPrepay: z.boolean().default(false),
};

const exactlyOneAmount = (input: { creditsMicros?: number; amountMinor?: number }) => (input.creditsMicros === undefined) !== (input.amountMinor === undefined);
const exactlyOneMessage = { message: "Give either creditsMicros or amountMinor", path: ["creditsMicros"] };

export const quoteInputSchema = z.object(amountFields).refine(exactlyOneAmount, exactlyOneMessage);
export type QuoteInput = z.infer<typeof quoteInputSchema>;

export const createPurchaseInputSchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    ...amountFields,
    /** Why, for the approvers (shown in the inbox and the e-mail). */
    note: z.string().trim().max(500).optional(),
  })
  .refine(exactlyOneAmount, exactlyOneMessage);
export type CreatePurchaseInput = z.infer<typeof createPurchaseInputSchema>;

export const purchaseIdSchema = z.object({ purchaseId: z.uuid() });

export const listPurchasesInputSchema = z
  .object({
    status: z.enum(["pending_approval", "awaiting_payment", "paid", "rejected", "expired", "cancelled"]).optional(),
    limit: z.number().int().min(1).max(1_000).default(200),
  })
  .default({ limit: 200 });

export const decisionInputSchema = z.object({
  purchaseId: z.uuid(),
  comment: z.string().trim().max(1_000).optional(),
});

export const rejectInputSchema = z.object({
  purchaseId: z.uuid(),
  /** Rejections say why. */
  comment: z.string().trim().min(1).max(1_000),
});

export const markPaidInputSchema = z.object({
  purchaseId: z.uuid(),
  /** The payment's reference (a bank transfer id, a cheque number), printed on the invoice. */
  reference: z.string().trim().max(200).optional(),
});

export const cancelInputSchema = z.object({
  purchaseId: z.uuid(),
  reason: z.string().trim().max(500).optional(),
});
