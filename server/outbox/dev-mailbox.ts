import { and, eq, like, sql } from "drizzle-orm";
import { outboxMessages } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { MemberPrincipal } from "../auth/principal";
import { devMailboxEnabled } from "../env";
import { forbidden } from "../lib/errors";
import { getMessage, listMessages } from "./list-messages";

/**
 * The dev mailbox: what the dev-mailbox sender "delivered". Like a real mailbox, a member sees the
 * e-mails addressed to them; an administrator sees every one of the organisation's.
 */
function mailboxOf(principal: MemberPrincipal) {
  if (!devMailboxEnabled) throw forbidden("The dev mailbox is not in use: it is for development without a Resend key (ALLOT_DEV_MAILBOX)");
  const mine = principal.role === "admin" ? undefined : eq(sql`lower(${outboxMessages.recipient})`, principal.email.toLowerCase());
  return and(eq(outboxMessages.channel, "email"), like(outboxMessages.providerMessageId, "dev-mailbox:%"), mine);
}

export async function listDevMailbox(db: DbOrTx, principal: MemberPrincipal, limit = 100) {
  const messages = await listMessages(db, principal.orgId, { where: mailboxOf(principal), limit });
  return messages.map(({ id, template, recipient, subject, createdAt, sentAt }) => ({ id, template, recipient, subject, createdAt, sentAt }));
}

export async function getDevMailboxMessage(db: DbOrTx, principal: MemberPrincipal, messageId: string) {
  const { id, template, recipient, createdAt, sentAt, rendered, renderError } = await getMessage(db, principal.orgId, messageId, mailboxOf(principal));
  return { id, template, recipient, createdAt, sentAt, rendered, renderError };
}
