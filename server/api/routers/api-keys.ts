import { z } from "zod";
import { API_KEY_SCOPES } from "../../../db/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "../../api-keys/api-keys";
import { actorMemberIdOf, actorOf } from "../../auth/principal";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const apiKeysRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.principal.orgId)),

  /** The whole key is in this answer only; afterwards only its prefix is known. */
  create: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(100),
        scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
        departmentId: z.uuid().nullish(),
        /** Calls a second (bursts up to twice that); absent for the server's default. */
        rateLimitPerSecond: z.number().int().min(1).max(1_000_000).nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.db, {
        orgId: ctx.principal.orgId,
        actor: actorOf(ctx.principal),
        actorMemberId: actorMemberIdOf(ctx.principal),
        ...input,
      }),
    ),

  revoke: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), id: input.id })),
});
