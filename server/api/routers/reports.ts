import { projectionInputSchema, projectSpend } from "../../reports/projection";
import { usageReport, usageReportInputSchema } from "../../reports/usage-report";
import { createTRPCRouter, readerProcedure } from "../trpc";

/**
 * The analytics behind the pages, read from the rollups. Who sees what is decided in the queries
 * (usageVisibility): administrators, finance and organisation-wide keys all spend; department heads
 * and department keys their departments; members their own usage.
 */
export const reportsRouter = createTRPCRouter({
  /** Spend over time by hour, day, week or month, split by one dimension, filtered on any; totals and top spenders. */
  usage: readerProcedure("reports:read")
    .input(usageReportInputSchema.default({ granularity: "day", filter: {}, seriesTop: 8, limit: 50 }))
    .query(({ ctx, input }) => usageReport(ctx.db, ctx.principal, input)),

  /** Burn rate, spend projected to the end of the period and when the balance runs out, each with a 90 % range. */
  projection: readerProcedure("reports:read")
    .input(projectionInputSchema.default({ period: "month", filter: {} }))
    .query(({ ctx, input }) => projectSpend(ctx.db, ctx.principal, input)),
});
