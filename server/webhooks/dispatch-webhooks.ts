import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { webhookAttempts, webhookEndpoints, webhookEvents } from "../../db/schema";
import { uuidv7 } from "../lib/ids";
import { claimDueMessages, dispatchInBatches, recordOutcome, type ClaimedMessage, type DispatchSummary, type MessageStatus } from "../outbox/dispatch";
import type { SendOutcome } from "../outbox/email-sender";
import { acknowledged, postWebhook, WEBHOOK_TIMEOUT_MS } from "./post-webhook";
import { openSecret } from "./secret-box";

/** A delivery is retried (with the outbox's backoff and jitter) for three days, then fails. */
export const WEBHOOK_MAX_AGE_SECONDS = 3 * 24 * 3_600;
const DEFAULT_BATCH_SIZE = 20;

export interface WebhookDispatchOptions {
  batchSize?: number;
  /** Only this organisation's deliveries (a test that must not send others'). */
  orgId?: string;
  timeoutMs?: number;
}

/** A webhook delivery's payload in the outbox: which event (and, for a replay, which delivery it repeats). */
interface DeliveryPayload {
  eventId: string;
  replayOf?: string;
}

async function attemptDelivery(db: Database, message: ClaimedMessage, timeoutMs: number): Promise<SendOutcome> {
  const { eventId } = message.payload as DeliveryPayload;
  const [[endpoint], [event]] = await Promise.all([
    db
      .select({
        url: webhookEndpoints.url,
        enabled: webhookEndpoints.enabled,
        secretCiphertext: webhookEndpoints.secretCiphertext,
        previousSecretCiphertext: sql<string | null>`CASE WHEN ${webhookEndpoints.previousSecretExpiresAt} > now() THEN ${webhookEndpoints.previousSecretCiphertext} END`,
      })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.orgId, message.orgId), eq(webhookEndpoints.id, message.recipient))),
    db.select({ body: webhookEvents.body }).from(webhookEvents).where(and(eq(webhookEvents.orgId, message.orgId), eq(webhookEvents.id, eventId))),
  ]);
  if (!endpoint || !event) return { kind: "permanent", reason: "The endpoint or the event no longer exists" };
  if (!endpoint.enabled) return { kind: "permanent", reason: "The endpoint is disabled" };
  const result = await postWebhook(
    { url: endpoint.url, secrets: [endpoint.secretCiphertext, endpoint.previousSecretCiphertext].filter((sealed) => sealed !== null).map(openSecret), eventId, eventType: message.template, deliveryId: message.id, body: event.body },
    timeoutMs,
  );
  await db.insert(webhookAttempts).values({ orgId: message.orgId, id: uuidv7(), endpointId: message.recipient, messageId: message.id, eventId, ...result });
  if (acknowledged(result)) return { kind: "accepted", providerMessageId: null };
  return { kind: "retryable", reason: result.error ?? `The endpoint answered HTTP ${result.statusCode}` };
}

/** Sends a delivery this caller holds and records the outcome (fenced by its claim, as for e-mails). */
export async function deliverWebhook(db: Database, message: ClaimedMessage, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<MessageStatus> {
  let outcome: SendOutcome;
  try {
    outcome = await attemptDelivery(db, message, timeoutMs);
  } catch (error) {
    outcome = { kind: "retryable", reason: `Delivery failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return recordOutcome(db, message, outcome, WEBHOOK_MAX_AGE_SECONDS);
}

/**
 * The `dispatch-webhooks` job: claims due webhook deliveries from the outbox batch by batch and
 * posts each batch in parallel. Safe on several instances at once: a delivery is held by one claim
 * at a time, and once acknowledged it is never claimed again.
 */
export async function dispatchWebhooks(db: Database, options: WebhookDispatchOptions = {}): Promise<DispatchSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  return dispatchInBatches(
    () => claimDueMessages(db, { batchSize, orgId: options.orgId, channel: "webhook" }),
    batchSize,
    (message) => deliverWebhook(db, message, options.timeoutMs),
  );
}
