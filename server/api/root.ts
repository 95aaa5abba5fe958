import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { alertsRouter } from "./routers/alerts";
import { apiKeysRouter } from "./routers/api-keys";
import { approvalsRouter } from "./routers/approvals";
import { budgetsRouter } from "./routers/budgets";
import { creditsRouter } from "./routers/credits";
import { invitesRouter } from "./routers/invites";
import { orgRouter } from "./routers/org";
import { outcomesRouter } from "./routers/outcomes";
import { outboxRouter } from "./routers/outbox";
import { pricingRouter } from "./routers/pricing";
import { purchasesRouter } from "./routers/purchases";
import { reportsRouter } from "./routers/reports";
import { reportsModelsRoiRouter } from "./routers/reports-models-roi";
import { usageRouter } from "./routers/usage";
import { webhooksRouter } from "./routers/webhooks";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  pricing: pricingRouter,
  usage: usageRouter,
  credits: creditsRouter,
  apiKeys: apiKeysRouter,
  org: orgRouter,
  budgets: budgetsRouter,
  alerts: alertsRouter,
  outbox: outboxRouter,
  purchases: purchasesRouter,
  approvals: approvalsRouter,
  webhooks: webhooksRouter,
  invites: invitesRouter,
  outcomes: outcomesRouter,
  // One `reports` namespace from two files: usage and projection, and models, what-if and ROI.
  reports: createTRPCRouter({ ...reportsRouter._def.record, ...reportsModelsRoiRouter._def.record }),
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Calls procedures in-process (server components, jobs, tests) with the same checks as over HTTP. */
export const createCaller = createCallerFactory(appRouter);
