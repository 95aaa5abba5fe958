import { z } from "zod";
import { actorOf } from "../../auth/principal";
import { createInvite, listInvites, resendInvite, revokeInvite } from "../../identity/invites";
import { MEMBER_ROLES } from "../../orgs/members";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** Invitations by e-mail (administrators). Accepting one happens on the link's page, at sign-in. */
export const invitesRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listInvites(ctx.db, ctx.principal.orgId)),
  create: adminProcedure
    .input(
      z.object({
        email: z.email(),
        role: z.enum(MEMBER_ROLES),
        departmentId: z.uuid().nullish(),
        headOfDepartmentIds: z.array(z.uuid()).max(50).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      createInvite(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), inviterName: ctx.principal.name, ...input }),
    ),
  resend: adminProcedure
    .input(z.object({ inviteId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      resendInvite(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), inviterName: ctx.principal.name, ...input }),
    ),
  revoke: adminProcedure
    .input(z.object({ inviteId: z.uuid() }))
    .mutation(({ ctx, input }) => revokeInvite(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),
});
