import { z } from "zod";
import { listOutcomes, outcomeFilterSchema } from "../../outcomes/list-outcomes";
import { createMetric, listMetrics, updateMetric } from "../../outcomes/metrics";
import { createMetricSchema, outcomeRecordSchema, updateMetricSchema } from "../../outcomes/outcome-input";
import { recordOutcomes } from "../../outcomes/record-outcomes";
import { createTRPCRouter, readerProcedure, roleProcedure } from "../trpc";

/** Who looks at outcomes: the people who see department analytics, and keys with reports:read. */
const outcomeReader = readerProcedure("reports:read", ["admin", "finance", "department_head"]);

export const outcomesRouter = createTRPCRouter({
  /**
   * Records one business-value outcome for ROI; idempotent on `idempotencyKey` like usage.record.
   * Sibling apps with usage:write (a department key for its department's metrics); administrators
   * and department heads (their departments) from the manual entry form.
   */
  record: readerProcedure("usage:write", ["admin", "department_head"])
    .input(outcomeRecordSchema)
    .mutation(async ({ ctx, input }) => (await recordOutcomes(ctx.db, ctx.principal, [input]))[0]!),

  /** The outcome metrics of the departments the caller sees. */
  metrics: outcomeReader
    .input(z.object({ includeArchived: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => listMetrics(ctx.db, ctx.principal, input)),

  /** Recorded outcomes the caller may see, newest first. */
  list: outcomeReader.input(outcomeFilterSchema.partial()).query(({ ctx, input }) => listOutcomes(ctx.db, ctx.principal, input)),

  createMetric: roleProcedure("admin", "department_head")
    .input(createMetricSchema)
    .mutation(({ ctx, input }) => createMetric(ctx.db, ctx.principal, input)),

  updateMetric: roleProcedure("admin", "department_head")
    .input(updateMetricSchema)
    .mutation(({ ctx, input }) => updateMetric(ctx.db, ctx.principal, input)),
});
