import { z } from "zod";
import { actionShape } from "../pricing/action";

/** Fields that attribute an action; departments, projects and agents are named by their slug. */
const slug = z.string().trim().min(1).max(64);
const label = z.string().trim().min(1).max(200);

export const attributionShape = {
  department: slug.optional(),
  project: slug.optional(),
  agent: slug.optional(),
  /** The person the action was for: an e-mail or the calling app's user id. */
  user: label.optional(),
  taskType: z.string().trim().min(1).max(100).optional(),
  workflow: z.string().trim().min(1).max(100).optional(),
  outcomeRef: label.optional(),
} as const;

export const attributionSchema = z.object(attributionShape);
export type AttributionInput = z.infer<typeof attributionSchema>;

export const idempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces");

/** When the action happened (ISO 8601 with offset); defaults to the time the event arrives. */
export const timestampSchema = z.iso.datetime({ offset: true });

const metadataSchema = z
  .record(z.string().min(1).max(64), z.string().max(500))
  .refine((value) => Object.keys(value).length <= 20, "at most 20 metadata entries");

export const usageEventSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  timestamp: timestampSchema.optional(),
  ...actionShape,
  ...attributionShape,
  metadata: metadataSchema.optional(),
});
export type UsageEventInput = z.infer<typeof usageEventSchema>;

export const MAX_BATCH_EVENTS = 1_000;
export const usageBatchSchema = z.object({
  events: z.array(usageEventSchema).min(1).max(MAX_BATCH_EVENTS, `a batch holds at most ${MAX_BATCH_EVENTS} events`),
});

export const authorizeSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  timestamp: timestampSchema.optional(),
  /** Hold this many micro-credits instead of pricing an action. */
  amountMicros: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  ...actionShape,
  ...attributionShape,
  /** How long the hold lives before it expires on its own (default 10 minutes, at most 24 hours). */
  ttlSeconds: z.number().int().min(5).max(86_400).default(600),
});
export type AuthorizeInput = z.infer<typeof authorizeSchema>;

export const settleSchema = z.object({
  reservationId: z.uuid(),
  /** Defaults to `settle:<reservationId>`, so a retried settle is a replay. */
  idempotencyKey: idempotencyKeySchema.optional(),
  timestamp: timestampSchema.optional(),
  ...actionShape,
  metadata: metadataSchema.optional(),
});
export type SettleInput = z.infer<typeof settleSchema>;

export const releaseSchema = z.object({ reservationId: z.uuid() });
