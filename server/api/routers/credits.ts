import { z } from "zod";
import { actorMemberIdOf } from "../../auth/principal";
import { getCreditBalance, listGrants } from "../../ledger/balance";
import { createGrant, removeCredits } from "../../ledger/grants";
import { adminProcedure, createTRPCRouter, readerProcedure, roleProcedure } from "../trpc";

const amountMicros = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const creditsRouter = createTRPCRouter({
  /** Available (posted − held), held, and the open grants with their expiry, in burn order. */
  balance: readerProcedure("usage:read").query(({ ctx }) => getCreditBalance(ctx.db, ctx.principal.orgId)),

  grants: roleProcedure("admin", "finance").query(({ ctx }) => listGrants(ctx.db, ctx.principal.orgId)),

  /** An administrator's adjustment: credits in (a grant) … */
  grant: adminProcedure
    .input(
      z.object({
        amountMicros,
        kind: z.enum(["adjustment", "promotion"]).default("adjustment"),
        priority: z.number().int().min(0).max(1000).optional(),
        expiresAt: z.iso.datetime({ offset: true }).optional(),
        memo: z.string().trim().min(1).max(500),
      }),
    )
    .mutation(({ ctx, input }) =>
      createGrant(ctx.db, {
        orgId: ctx.principal.orgId,
        kind: input.kind,
        amountMicros: input.amountMicros,
        priority: input.priority,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        memo: input.memo,
        actorMemberId: actorMemberIdOf(ctx.principal),
      }),
    ),

  /** … or credits out (burned in the usual order, never more than is available). */
  remove: adminProcedure
    .input(z.object({ amountMicros, memo: z.string().trim().min(1).max(500) }))
    .mutation(({ ctx, input }) =>
      removeCredits(ctx.db, { orgId: ctx.principal.orgId, amountMicros: input.amountMicros, memo: input.memo, actorMemberId: actorMemberIdOf(ctx.principal) }),
    ),
});
