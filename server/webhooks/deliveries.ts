import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { outboxMessages, webhookAttempts, webhookEvents } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { actorOf, type MemberPrincipal } from "../auth/principal";
import { AppError, notFound } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import { claim, claimedColumns } from "../outbox/dispatch";
import { deliverWebhook } from "./dispatch-webhooks";
import { eventBodySql, eventDedupeKey, type WebhookEventInput } from "./emit";
import { getEndpoint } from "./endpoints";

const deliveryOf = (orgId: string, messageId: string) =>
  and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.id, messageId), eq(outboxMessages.channel, "webhook"));

async function enabledEndpoint(db: DbOrTx, orgId: string, endpointId: string) {
  const endpoint = await getEndpoint(db, orgId, endpointId);
  if (!endpoint.enabled) throw new AppError("CONFLICT", "This endpoint is disabled; enable it to send to it", { endpointId });
  return endpoint;
}

/** Queues a delivery already claimed by the caller and sends it at once; if that fails, the dispatcher retries it. */
async function queueAndDeliver(db: Database, orgId: string, endpointId: string, type: string, eventId: string, replayOf?: string) {
  const id = uuidv7();
  const [claimed] = await db
    .insert(outboxMessages)
    .values({
      orgId,
      id,
      channel: "webhook",
      dedupeKey: `webhook:${endpointId}:${eventId}${replayOf ? `:replay:${id}` : ""}`,
      template: type,
      recipient: endpointId,
      payload: replayOf ? { eventId, replayOf } : { eventId },
      attempts: 1,
      leasedUntil: claim.leasedUntil,
    })
    .returning(claimedColumns);
  const status = await deliverWebhook(db, claimed!);
  return { messageId: id, eventId, status };
}

/**
 * Sends an event again as a new delivery with the same event id (the receiver dedupes by it), now,
 * whatever happened to the first one. The original delivery's log is left as it was.
 */
export async function replayDelivery(db: Database, principal: MemberPrincipal, messageId: string) {
  const [original] = await db
    .select({ template: outboxMessages.template, recipient: outboxMessages.recipient, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(deliveryOf(principal.orgId, messageId));
  if (!original) throw notFound("Webhook delivery", { messageId });
  await enabledEndpoint(db, principal.orgId, original.recipient);
  const { eventId } = original.payload as { eventId: string };
  const result = await queueAndDeliver(db, principal.orgId, original.recipient, original.template, eventId, messageId);
  await recordAudit(db, { orgId: principal.orgId, actor: actorOf(principal), action: "webhook.replayed", targetType: "outbox_message", targetId: messageId, after: result });
  return result;
}

/** A `webhook.test` event to one endpoint, whatever it subscribes to, sent at once. */
export async function sendTestEvent(db: Database, principal: MemberPrincipal, endpointId: string) {
  await enabledEndpoint(db, principal.orgId, endpointId);
  const eventId = uuidv7();
  const event: WebhookEventInput = { type: "webhook.test", key: eventId, data: { endpointId, requestedBy: principal.name || principal.email } };
  await db.insert(webhookEvents).values({ orgId: principal.orgId, id: eventId, type: event.type, dedupeKey: eventDedupeKey(event), body: eventBodySql(eventId, principal.orgId, event) });
  const result = await queueAndDeliver(db, principal.orgId, endpointId, event.type, eventId);
  await recordAudit(db, { orgId: principal.orgId, actor: actorOf(principal), action: "webhook.test_sent", targetType: "webhook_endpoint", targetId: endpointId, after: result });
  return result;
}

/** An endpoint's deliveries, newest first, each with its attempts (newest first). */
export async function listDeliveries(db: DbOrTx, orgId: string, endpointId: string, limit = 100) {
  await getEndpoint(db, orgId, endpointId);
  const rows = await db
    .select({
      id: outboxMessages.id,
      type: outboxMessages.template,
      status: outboxMessages.status,
      attempts: outboxMessages.attempts,
      nextAttemptAt: outboxMessages.nextAttemptAt,
      lastError: outboxMessages.lastError,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
      eventId: sql<string>`${outboxMessages.payload} ->> 'eventId'`,
      replayOf: sql<string | null>`${outboxMessages.payload} ->> 'replayOf'`,
    })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.channel, "webhook"), eq(outboxMessages.recipient, endpointId)))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
  const attempts =
    rows.length === 0
      ? []
      : await db
          .select(attemptColumns)
          .from(webhookAttempts)
          .where(and(eq(webhookAttempts.orgId, orgId), inArray(webhookAttempts.messageId, rows.map((row) => row.id))))
          .orderBy(desc(webhookAttempts.createdAt), desc(webhookAttempts.id));
  return rows.map((row) => ({ ...row, attemptLog: attempts.filter((attempt) => attempt.messageId === row.id) }));
}

const attemptColumns = {
  id: webhookAttempts.id,
  messageId: webhookAttempts.messageId,
  eventId: webhookAttempts.eventId,
  statusCode: webhookAttempts.statusCode,
  responseExcerpt: webhookAttempts.responseExcerpt,
  error: webhookAttempts.error,
  durationMs: webhookAttempts.durationMs,
  createdAt: webhookAttempts.createdAt,
};

/** Every attempt at an endpoint, newest first, with the event's type (the log's CSV export). */
export async function listAttempts(db: DbOrTx, orgId: string, endpointId: string, limit = 5_000) {
  await getEndpoint(db, orgId, endpointId);
  return db
    .select({ ...attemptColumns, eventType: webhookEvents.type })
    .from(webhookAttempts)
    .innerJoin(webhookEvents, and(eq(webhookEvents.orgId, webhookAttempts.orgId), eq(webhookEvents.id, webhookAttempts.eventId)))
    .where(and(eq(webhookAttempts.orgId, orgId), eq(webhookAttempts.endpointId, endpointId)))
    .orderBy(desc(webhookAttempts.createdAt), desc(webhookAttempts.id))
    .limit(limit);
}
