import { z } from "zod";
import { listAttempts, listDeliveries, replayDelivery, sendTestEvent } from "../../webhooks/deliveries";
import {
  createEndpoint,
  createEndpointSchema,
  getEndpoint,
  listEndpoints,
  rotateEndpointSecret,
  rotateSecretSchema,
  updateEndpoint,
  updateEndpointSchema,
} from "../../webhooks/endpoints";
import { adminProcedure, createTRPCRouter } from "../trpc";

const endpointInput = z.object({ endpointId: z.uuid() });

/**
 * Administrators only, reading included: endpoint URLs and what receivers answer are integration
 * internals (finance hears about purchases through e-mail and the approvals pages).
 */
export const webhooksRouter = createTRPCRouter({
  /** The organisation's endpoints, newest first (never their secrets). */
  list: adminProcedure.query(({ ctx }) => listEndpoints(ctx.db, ctx.principal.orgId)),

  get: adminProcedure.input(endpointInput).query(({ ctx, input }) => getEndpoint(ctx.db, ctx.principal.orgId, input.endpointId)),

  /** Registers an endpoint; the answer carries its signing secret, shown this once. */
  create: adminProcedure.input(createEndpointSchema).mutation(({ ctx, input }) => createEndpoint(ctx.db, ctx.principal, input)),

  /** URL, description, event types, enabled. A disabled endpoint gets nothing, queued deliveries included. */
  update: adminProcedure.input(updateEndpointSchema).mutation(({ ctx, input }) => updateEndpoint(ctx.db, ctx.principal, input)),

  /** A new signing secret, in this answer only; the old one also signs for `oldSecretValidHours` (default 24). */
  rotateSecret: adminProcedure.input(rotateSecretSchema).mutation(({ ctx, input }) => rotateEndpointSecret(ctx.db, ctx.principal, input)),

  /** An endpoint's deliveries, newest first, each with its attempts. */
  deliveries: adminProcedure
    .input(endpointInput.extend({ limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => listDeliveries(ctx.db, ctx.principal.orgId, input.endpointId, input.limit)),

  /** Every attempt at an endpoint (the delivery log's CSV). */
  attempts: adminProcedure.input(endpointInput).query(({ ctx, input }) => listAttempts(ctx.db, ctx.principal.orgId, input.endpointId)),

  /** Sends a delivery's event again now, as a new delivery with the same event id. */
  replay: adminProcedure.input(z.object({ messageId: z.uuid() })).mutation(({ ctx, input }) => replayDelivery(ctx.db, ctx.principal, input.messageId)),

  /** A `webhook.test` event to this endpoint, sent now. */
  sendTest: adminProcedure.input(endpointInput).mutation(({ ctx, input }) => sendTestEvent(ctx.db, ctx.principal, input.endpointId)),
});
