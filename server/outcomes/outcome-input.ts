import { z } from "zod";
import { idempotencyKeySchema, timestampSchema } from "../usage/event-input";

const slug = z.string().trim().min(1).max(64);

/** A quantity of units, up to six decimals ("2.5" hours); a JSON number or a decimal string. */
export const quantitySchema = z.union([
  z.number().positive().finite(),
  z.string().trim().regex(/^\d+(\.\d{1,6})?$/, "a positive decimal with at most six decimals"),
]);

/** One outcome, as a sibling app or the manual entry form records it. */
export const outcomeRecordSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  /** The outcome metric, by slug; it names the department. */
  metric: slug,
  quantity: quantitySchema,
  /** The agent that produced it (optional); it must belong to the metric's department. */
  agent: slug.optional(),
  /** When it happened (ISO 8601 with offset); defaults to now. */
  timestamp: timestampSchema.optional(),
  note: z.string().trim().max(500).optional(),
});
export type OutcomeRecordInput = z.infer<typeof outcomeRecordSchema>;

export const metricSlugSchema = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "lower-case letters, digits, dots, dashes");

export const createMetricSchema = z.object({
  departmentId: z.uuid(),
  slug: metricSlugSchema,
  name: z.string().trim().min(1).max(100),
  unit: z.string().trim().min(1).max(40),
  /** Minor units of the organisation's currency per unit (400 = $4.00). */
  valuePerUnitMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const updateMetricSchema = z.object({
  metricId: z.uuid(),
  name: z.string().trim().min(1).max(100).optional(),
  unit: z.string().trim().min(1).max(40).optional(),
  valuePerUnitMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  archived: z.boolean().optional(),
});
