import { z } from "zod";
import { getBudgetDetail, listBudgetsWithStatus } from "../../budgets/budget-detail";
import { budgetStatusFor } from "../../budgets/budget-status";
import { createBudget, createBudgetSchema, resumeBudget, updateBudget, updateBudgetSchema } from "../../budgets/manage-budgets";
import { attributionSchema } from "../../usage/event-input";
import { createTRPCRouter, readerProcedure, roleProcedure } from "../trpc";

/** Who may do what with budgets is decided in server/budgets/budget-access.ts. */
const budgetReader = roleProcedure("admin", "finance", "department_head");

export const budgetsRouter = createTRPCRouter({
  /** For a sibling app: every budget that applies to an attribution, with spent, held, limit, remaining, paused, period end. Members see no budgets. */
  status: readerProcedure("usage:read", ["admin", "finance", "department_head"]).input(attributionSchema).query(({ ctx, input }) => budgetStatusFor(ctx.db, ctx.principal, input)),

  list: budgetReader
    .input(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }))
    .query(({ ctx, input }) => listBudgetsWithStatus(ctx.db, ctx.principal, input.includeArchived)),

  get: budgetReader.input(z.object({ budgetId: z.uuid() })).query(({ ctx, input }) => getBudgetDetail(ctx.db, ctx.principal, input.budgetId)),

  create: budgetReader.input(createBudgetSchema).mutation(({ ctx, input }) => createBudget(ctx.db, ctx.principal, input)),

  update: budgetReader.input(updateBudgetSchema).mutation(({ ctx, input }) => updateBudget(ctx.db, ctx.principal, input)),

  /** Lets a paused scope spend past the limit for the rest of this period. */
  resume: budgetReader.input(z.object({ budgetId: z.uuid() })).mutation(({ ctx, input }) => resumeBudget(ctx.db, ctx.principal, input.budgetId)),
});
