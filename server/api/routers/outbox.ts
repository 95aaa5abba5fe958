import { z } from "zod";
import { getDevMailboxMessage, listDevMailbox } from "../../outbox/dev-mailbox";
import { getMessage, listMessages } from "../../outbox/list-messages";
import { resendMessage } from "../../outbox/resend-message";
import { sendTestEmail } from "../../outbox/send-test-email";
import { adminProcedure, createTRPCRouter, memberProcedure, roleProcedure } from "../trpc";

const messageInput = z.object({ messageId: z.uuid() });

export const outboxRouter = createTRPCRouter({
  /** The deliveries page: the organisation's outgoing messages, newest first, with their subjects. */
  list: adminProcedure
    .input(
      z
        .object({ status: z.enum(["pending", "sent", "failed"]).optional(), limit: z.number().int().min(1).max(500).default(200) })
        .default({ limit: 200 }),
    )
    .query(({ ctx, input }) => listMessages(ctx.db, ctx.principal.orgId, input)),

  /** One message with its rendered subject, HTML and text. */
  get: adminProcedure.input(messageInput).query(({ ctx, input }) => getMessage(ctx.db, ctx.principal.orgId, input.messageId)),

  /** Sends a message now, whatever its backoff; a sent message is CONFLICT. Returns the new status. */
  resend: adminProcedure.input(messageInput).mutation(({ ctx, input }) => resendMessage(ctx.db, ctx.principal, input.messageId)),

  /** A test e-mail to the caller's own address, sent at once. */
  sendTest: roleProcedure("admin", "finance", "department_head").mutation(({ ctx }) => sendTestEmail(ctx.db, ctx.principal)),

  /** Only where the dev mailbox is in use (development without a Resend key, or ALLOT_DEV_MAILBOX=on), else FORBIDDEN: the e-mails it received. */
  mailbox: memberProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .query(({ ctx, input }) => listDevMailbox(ctx.db, ctx.principal, input.limit)),

  /** One dev-mailbox e-mail, rendered (same visibility as `mailbox`). */
  mailboxMessage: memberProcedure.input(messageInput).query(({ ctx, input }) => getDevMailboxMessage(ctx.db, ctx.principal, input.messageId)),
});
