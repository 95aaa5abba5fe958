import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { outboxMessages, webhookEvents, type WebhookEventType } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { createCaller } from "../../server/api/root";
import type { MemberPrincipal } from "../../server/auth/principal";
import { dispatchWebhooks } from "../../server/webhooks/dispatch-webhooks";
import { emitWebhookEvent, type WebhookEventInput } from "../../server/webhooks/emit";
import { WEBHOOK_EVENT_TYPES } from "../../db/schema";

/** Registers an endpoint as the organisation's administrator; returns it with its secret. */
export async function registerEndpoint(db: Database, admin: MemberPrincipal, url: string, eventTypes: WebhookEventType[] = [...WEBHOOK_EVENT_TYPES]) {
  const { endpoint, secret } = await createCaller({ db, principal: admin }).webhooks.create({
    url,
    description: "test receiver",
    eventTypes: eventTypes.filter((type) => type !== "webhook.test") as (typeof WEBHOOK_EVENT_TYPES)[number][],
  });
  return { ...endpoint, secret };
}

/** Emits an event in its own transaction, as a domain action would in its own. */
export const emit = (db: Database, orgId: string, event: WebhookEventInput) => withTransaction(db, (tx) => emitWebhookEvent(tx, orgId, event));

/** Runs the dispatcher for one organisation only (the job sweeps every tenant). */
export const dispatchFor = (db: Database, orgId: string, timeoutMs?: number) => dispatchWebhooks(db, { orgId, batchSize: 5, timeoutMs });

/** Skips the backoff: the organisation's pending deliveries are due now. */
export const makeDeliveriesDue = (db: Database, orgId: string) =>
  db
    .update(outboxMessages)
    .set({ nextAttemptAt: sql`now()` })
    .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.channel, "webhook")));

/** The organisation's recorded events of a type, oldest first. */
export async function eventsOf(db: Database, orgId: string, type?: WebhookEventType) {
  return db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.orgId, orgId), type ? eq(webhookEvents.type, type) : undefined))
    .orderBy(webhookEvents.createdAt, webhookEvents.id);
}

/** Webhook deliveries queued in the outbox for an organisation. */
export async function deliveriesOf(db: Database, orgId: string) {
  return db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.channel, "webhook")))
    .orderBy(outboxMessages.createdAt);
}
