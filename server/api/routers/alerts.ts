import { z } from "zod";
import { acknowledgeAlert, countOpenAlerts, listAlerts } from "../../alerts/list-alerts";
import { createTRPCRouter, roleProcedure } from "../trpc";

const alertReader = roleProcedure("admin", "finance", "department_head");

export const alertsRouter = createTRPCRouter({
  list: alertReader
    .input(z.object({ openOnly: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(200) }).default({ openOnly: false, limit: 200 }))
    .query(({ ctx, input }) => listAlerts(ctx.db, ctx.principal, input)),

  openCount: alertReader.query(({ ctx }) => countOpenAlerts(ctx.db, ctx.principal)),

  acknowledge: alertReader.input(z.object({ alertId: z.uuid() })).mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx.principal, input.alertId)),
});
