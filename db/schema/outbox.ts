import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { allotSchema } from "./allot-schema";
import { organizations } from "./orgs";

export const outboxChannelEnum = allotSchema.enum("outbox_channel", ["email", "webhook"]);
export const outboxStatusEnum = allotSchema.enum("outbox_status", ["pending", "sent", "failed"]);

/**
 * Messages to deliver, written in the same transaction as what caused them (transactional outbox).
 * A dispatcher sends them, retrying with backoff; `dedupeKey` makes "the same message twice"
 * impossible, and the message id doubles as the provider's idempotency key.
 */
export const outboxMessages = allotSchema.table(
  "outbox_messages",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull(),
    channel: outboxChannelEnum().notNull(),
    dedupeKey: text().notNull(),
    /** The e-mail template (emails/<template>.tsx) or the webhook event type. */
    template: text().notNull(),
    recipient: text().notNull(),
    payload: jsonb().notNull(),
    status: outboxStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** While a dispatcher works on it; another may take it over once this passes. */
    leasedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "outbox_messages_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("outbox_messages_dedupe_key").on(t.orgId, t.dedupeKey),
    index("outbox_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("outbox_messages_org_created_idx").on(t.orgId, t.createdAt),
    // An endpoint's delivery log (a webhook's recipient is its endpoint id).
    index("outbox_messages_webhook_recipient_idx").on(t.orgId, t.recipient, t.createdAt).where(sql`${t.channel} = 'webhook'`),
    check("outbox_messages_sent", sql`(${t.status} = 'sent') = (${t.sentAt} IS NOT NULL)`),
  ],
);
