import { outboxMessages } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { uuidv7 } from "../lib/ids";

/** The e-mails Allot sends; each is a react-email template in emails/<name>.tsx. */
export const EMAIL_TEMPLATES = [
  "budget-threshold",
  "budget-exhausted",
  "low-balance",
  "test-message",
  "purchase-approval-requested",
  "purchase-decision",
  "auto-top-up",
  "member-invite",
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

export interface OutgoingEmail {
  /** What makes this message unique (e.g. alert + recipient): enqueuing it twice writes it once. */
  dedupeKey: string;
  template: EmailTemplate;
  recipient: string;
  /** The template's props (JSON). */
  payload: Record<string, unknown>;
}

/** Queues e-mails in the caller's transaction, so they exist exactly when what caused them commits. */
export async function enqueueEmails(tx: DbOrTx, orgId: string, emails: OutgoingEmail[]): Promise<void> {
  if (emails.length === 0) return;
  await tx
    .insert(outboxMessages)
    .values(emails.map((email) => ({ orgId, id: uuidv7(), channel: "email" as const, ...email })))
    .onConflictDoNothing({ target: [outboxMessages.orgId, outboxMessages.dedupeKey] });
}
