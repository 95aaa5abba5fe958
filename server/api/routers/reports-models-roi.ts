import { compareModels, modelComparisonInputSchema } from "../../reports/model-comparison";
import { roiReport } from "../../reports/roi";
import { roiInputSchema } from "../../reports/roi-input";
import { whatIf, whatIfInputSchema } from "../../reports/what-if";
import { createTRPCRouter, readerProcedure } from "../trpc";

/** Department analytics: administrators, finance, department heads (their departments), keys with reports:read. */
const analyticsReader = readerProcedure("reports:read", ["admin", "finance", "department_head"]);

/** reports.models, reports.whatIf and reports.roi; merged with the usage reports into `reports` in root.ts. */
export const reportsModelsRoiRouter = createTRPCRouter({
  /** Per task type, credits per task by model (mean, median, p90) and each model's share. */
  models: analyticsReader.input(modelComparisonInputSchema.partial()).query(({ ctx, input }) => compareModels(ctx.db, ctx.principal, input)),

  /** The last N days of a task type re-priced under another routing, against what it really cost. */
  whatIf: analyticsReader.input(whatIfInputSchema).query(({ ctx, input }) => whatIf(ctx.db, ctx.principal, input)),

  /** Per department and month (and agent): credits, money cost, outcome value, ROI, cost per outcome. */
  roi: analyticsReader.input(roiInputSchema.optional()).query(({ ctx, input }) => roiReport(ctx.db, ctx.principal, input ?? {})),
});
