import { z } from "zod";
import { authorizeSchema, releaseSchema, settleSchema, usageBatchSchema, usageEventSchema } from "../../usage/event-input";
import { dailyTotals } from "../../usage/daily-totals";
import { listUsage, usageFilterSchema } from "../../usage/list-usage";
import { recordUsage } from "../../usage/record-usage";
import { authorizeReservation, releaseReservation, settleReservation } from "../../usage/reservations";
import { apiKeyProcedure, createTRPCRouter, readerProcedure } from "../trpc";

export const usageRouter = createTRPCRouter({
  /** Records and debits one priced event; idempotent on `idempotencyKey`. */
  record: apiKeyProcedure("usage:write")
    .input(usageEventSchema)
    .mutation(async ({ ctx, input }) => (await recordUsage(ctx.db, ctx.principal, [input]))[0]!),

  /** Up to 1,000 events, all or nothing; each answer says whether it was a replay. */
  recordBatch: apiKeyProcedure("usage:write")
    .input(usageBatchSchema)
    .mutation(async ({ ctx, input }) => {
      const results = await recordUsage(ctx.db, ctx.principal, input.events);
      return {
        results,
        totalCostMicros: results.filter((r) => !r.replay).reduce((sum, r) => sum + r.costMicros, 0),
        balanceAfterMicros: results.at(-1)?.balanceAfterMicros ?? null,
      };
    }),

  /** Holds the estimated credits of an action about to run. */
  authorize: apiKeyProcedure("usage:write")
    .input(authorizeSchema)
    .mutation(({ ctx, input }) => authorizeReservation(ctx.db, ctx.principal, input)),

  /** Records the actual usage of a held action and returns the rest of the hold. */
  settle: apiKeyProcedure("usage:write")
    .input(settleSchema)
    .mutation(({ ctx, input }) => settleReservation(ctx.db, ctx.principal, input)),

  release: apiKeyProcedure("usage:write")
    .input(releaseSchema)
    .mutation(({ ctx, input }) => releaseReservation(ctx.db, ctx.principal, input.reservationId)),

  /** Events visible to the caller (see usageVisibility), newest first. */
  list: readerProcedure("usage:read")
    .input(usageFilterSchema.partial().extend({ limit: z.number().int().min(1).max(500).optional() }))
    .query(({ ctx, input }) => listUsage(ctx.db, ctx.principal, input)),

  /** Credits charged per day, in the organisation's time zone, for the events the caller may see. */
  daily: readerProcedure("usage:read")
    .input(z.object({ days: z.number().int().min(1).max(366).default(30) }))
    .query(({ ctx, input }) => dailyTotals(ctx.db, ctx.principal, input.days)),
});
