import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { allotSchema } from "./allot-schema";
import { members, organizations } from "./orgs";

/** What a host can subscribe to (docs/webhooks.md has each payload). `webhook.test` is only sent on request. */
export const WEBHOOK_EVENT_TYPES = [
  "budget.threshold_crossed",
  "budget.paused",
  "budget.resumed",
  "balance.low",
  "purchase.requested",
  "purchase.approved",
  "purchase.rejected",
  "grant.expired",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | "webhook.test";

/**
 * Where an organisation wants its events. The signing secret is stored encrypted (AES-256-GCM, see
 * server/webhooks/secret-box.ts): the server must sign with it, so it cannot be a one-way hash.
 */
export const webhookEndpoints = allotSchema.table(
  "webhook_endpoints",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull(),
    url: text().notNull(),
    description: text().notNull().default(""),
    eventTypes: text().array().notNull(),
    enabled: boolean().notNull().default(true),
    secretCiphertext: text().notNull(),
    /** The secret's last characters, so people can tell which one a receiver has. */
    secretHint: text().notNull(),
    secretRotatedAt: timestamp({ withTimezone: true }),
    /** After a rotation, the old secret also signs until this passes, so receivers can switch without a gap. */
    previousSecretCiphertext: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    createdByMemberId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "webhook_endpoints_pkey", columns: [t.orgId, t.id] }),
    check("webhook_endpoints_url_http", sql`${t.url} ~* '^https?://'`),
    check("webhook_endpoints_event_types_present", sql`cardinality(${t.eventTypes}) > 0`),
    foreignKey({ name: "webhook_endpoints_created_by_fkey", columns: [t.orgId, t.createdByMemberId], foreignColumns: [members.orgId, members.id] }),
  ],
);

/**
 * One row per event that happened, whatever the number of endpoints: its id is the `id` every
 * delivery and replay carries, `dedupeKey` names the domain event (an alert, a purchase decision…)
 * so the same event is never recorded twice, and `body` is the exact JSON that is signed and sent.
 */
export const webhookEvents = allotSchema.table(
  "webhook_events",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull(),
    type: text().notNull(),
    dedupeKey: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "webhook_events_pkey", columns: [t.orgId, t.id] }),
    uniqueIndex("webhook_events_dedupe_key").on(t.orgId, t.dedupeKey),
  ],
);

/** Every HTTP attempt at a delivery (an outbox message of channel `webhook`): the endpoint's delivery log. */
export const webhookAttempts = allotSchema.table(
  "webhook_attempts",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id),
    id: uuid().notNull(),
    endpointId: uuid().notNull(),
    messageId: uuid().notNull(),
    eventId: uuid().notNull(),
    /** The HTTP status the receiver answered; null when there was no answer (refused, timed out). */
    statusCode: integer(),
    responseExcerpt: text(),
    error: text(),
    durationMs: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "webhook_attempts_pkey", columns: [t.orgId, t.id] }),
    index("webhook_attempts_endpoint_idx").on(t.orgId, t.endpointId, t.createdAt),
    index("webhook_attempts_message_idx").on(t.orgId, t.messageId),
    foreignKey({ name: "webhook_attempts_endpoint_fkey", columns: [t.orgId, t.endpointId], foreignColumns: [webhookEndpoints.orgId, webhookEndpoints.id] }),
    foreignKey({ name: "webhook_attempts_event_fkey", columns: [t.orgId, t.eventId], foreignColumns: [webhookEvents.orgId, webhookEvents.id] }),
  ],
);
