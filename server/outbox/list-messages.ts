import { and, desc, eq, type SQL } from "drizzle-orm";
import { outboxMessages } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { notFound } from "../lib/errors";
import { emailContextFor } from "./email-context";
import { emailSubject, renderEmail, type RenderedEmail } from "./render-email";
import type { MessageStatus } from "./dispatch";

const messageColumns = {
  id: outboxMessages.id,
  channel: outboxMessages.channel,
  template: outboxMessages.template,
  recipient: outboxMessages.recipient,
  status: outboxMessages.status,
  attempts: outboxMessages.attempts,
  nextAttemptAt: outboxMessages.nextAttemptAt,
  lastError: outboxMessages.lastError,
  providerMessageId: outboxMessages.providerMessageId,
  createdAt: outboxMessages.createdAt,
  sentAt: outboxMessages.sentAt,
};

/** The organisation's messages, newest first, each with its subject (the deliveries page). */
export async function listMessages(db: DbOrTx, orgId: string, options: { status?: MessageStatus; limit?: number; where?: SQL } = {}) {
  const rows = await db
    .select({ ...messageColumns, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, orgId), options.status ? eq(outboxMessages.status, options.status) : undefined, options.where))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(options.limit ?? 200);
  // A webhook has no subject; its event type stands in.
  return rows.map(({ payload, ...row }) => ({ ...row, subject: row.channel === "email" ? emailSubject(row.template, payload) : row.template }));
}

/** One message with what it looks like: rendered subject, HTML and text, or why it cannot be rendered. */
export async function getMessage(db: DbOrTx, orgId: string, messageId: string, where?: SQL) {
  const [row] = await db
    .select({ ...messageColumns, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.id, messageId), where));
  if (!row) throw notFound("Message", { messageId });
  const { payload, ...message } = row;
  const result = await renderEmail(row.template, payload, await emailContextFor(db, orgId));
  const rendered: RenderedEmail | null = result.ok ? result.email : null;
  return { ...message, payload, rendered, renderError: result.ok ? null : result.reason };
}
