import { and, asc, eq, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { outboxMessages } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { AppError, notFound } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import { retryDelaySeconds } from "./backoff";
import { emailContextFor } from "./email-context";
import type { EmailContext } from "./email-payloads";
import { configuredEmailSender, type EmailSender, type SendOutcome } from "./email-sender";
import type { OutgoingEmail } from "./enqueue";
import { renderEmail } from "./render-email";

/** How long a claim lasts: longer than a send may take (email-sender's timeout), so only a dead dispatcher's claim lapses. */
const LEASE_SECONDS = 60;
const DEFAULT_BATCH_SIZE = 20;
const MAX_BATCHES_PER_RUN = 10;

/** A message a dispatcher holds; `attempts` (counting this one) fences its outcome against a later claim. */
export interface ClaimedMessage {
  orgId: string;
  id: string;
  template: string;
  recipient: string;
  payload: unknown;
  attempts: number;
}

export type MessageStatus = "pending" | "sent" | "failed";

export const claimedColumns = {
  orgId: outboxMessages.orgId,
  id: outboxMessages.id,
  template: outboxMessages.template,
  recipient: outboxMessages.recipient,
  payload: outboxMessages.payload,
  attempts: outboxMessages.attempts,
};

export const leaseFree = or(isNull(outboxMessages.leasedUntil), lte(outboxMessages.leasedUntil, sql`now()`));
export const claim = { leasedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, attempts: sql`${outboxMessages.attempts} + 1` };

/**
 * Claims up to `batchSize` due e-mails in one short statement: rows another dispatcher is claiming
 * are skipped (SKIP LOCKED), rows whose lease lapsed (their dispatcher died) are due again.
 */
export async function claimDueMessages(
  db: DbOrTx,
  options: { batchSize?: number; orgId?: string; channel?: "email" | "webhook" } = {},
): Promise<ClaimedMessage[]> {
  const due = db
    .select({ orgId: outboxMessages.orgId, id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.status, "pending"),
        eq(outboxMessages.channel, options.channel ?? "email"),
        lte(outboxMessages.nextAttemptAt, sql`now()`),
        leaseFree,
        options.orgId ? eq(outboxMessages.orgId, options.orgId) : undefined,
      ),
    )
    .orderBy(asc(outboxMessages.nextAttemptAt))
    .limit(options.batchSize ?? DEFAULT_BATCH_SIZE)
    .for("update", { skipLocked: true });
  return db
    .update(outboxMessages)
    .set(claim)
    .where(sql`(${outboxMessages.orgId}, ${outboxMessages.id}) IN (${due})`)
    .returning(claimedColumns);
}

/** Renders a claimed message and hands it to the sender. A message that cannot render fails permanently. */
export async function sendClaimed(message: ClaimedMessage, context: EmailContext, sender: EmailSender): Promise<SendOutcome> {
  const rendered = await renderEmail(message.template, message.payload, context);
  if (!rendered.ok) return { kind: "permanent", reason: rendered.reason };
  return sender.send({ id: message.id, recipient: message.recipient, email: rendered.email });
}

/**
 * Writes what happened. An acceptance always lands (the provider has the message; a later claim
 * would get the same answer). A retry or failure lands only while this claim is the latest one, so
 * a dispatcher that stalled past its lease cannot overwrite the work of the one that took over.
 */
export async function recordOutcome(
  db: DbOrTx,
  message: ClaimedMessage,
  outcome: SendOutcome,
  /** Retries stop (the message fails) once it is older than this; e-mails retry until accepted. */
  giveUpAfterSeconds?: number,
): Promise<MessageStatus> {
  const row = and(eq(outboxMessages.orgId, message.orgId), eq(outboxMessages.id, message.id), eq(outboxMessages.status, "pending"));
  const ours = and(row, eq(outboxMessages.attempts, message.attempts));
  let updated: { status: MessageStatus }[];
  switch (outcome.kind) {
    case "accepted":
      updated = await db
        .update(outboxMessages)
        .set({ status: "sent", sentAt: sql`now()`, providerMessageId: outcome.providerMessageId, leasedUntil: null, lastError: outcome.note ?? null })
        .where(row)
        .returning({ status: outboxMessages.status });
      break;
    case "retryable":
      updated = await db
        .update(outboxMessages)
        .set({
          nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(message.attempts)})`,
          leasedUntil: null,
          lastError: outcome.reason,
          status:
            giveUpAfterSeconds === undefined
              ? undefined
              : sql`CASE WHEN ${outboxMessages.createdAt} + make_interval(secs => ${giveUpAfterSeconds}) <= now() THEN 'failed' ELSE ${outboxMessages.status} END`,
        })
        .where(ours)
        .returning({ status: outboxMessages.status });
      break;
    case "permanent":
      updated = await db
        .update(outboxMessages)
        .set({ status: "failed", leasedUntil: null, lastError: outcome.reason })
        .where(ours)
        .returning({ status: outboxMessages.status });
      break;
  }
  return updated[0]?.status ?? (await currentStatus(db, message.orgId, message.id));
}

export async function currentStatus(db: DbOrTx, orgId: string, messageId: string): Promise<MessageStatus> {
  const [row] = await db
    .select({ status: outboxMessages.status })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.id, messageId)));
  if (!row) throw notFound("Message", { messageId });
  return row.status;
}

/** Sends a message this caller holds and records the result; the send happens outside any transaction. */
export async function deliverClaimed(db: Database, message: ClaimedMessage, context: EmailContext, sender: EmailSender): Promise<MessageStatus> {
  let outcome: SendOutcome;
  try {
    outcome = await sendClaimed(message, context, sender);
  } catch (error) {
    outcome = { kind: "retryable", reason: `Sending failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return recordOutcome(db, message, outcome);
}

export interface DispatchOptions {
  sender?: EmailSender;
  batchSize?: number;
  /** Only this organisation's messages (a per-tenant worker; a test that must not send others'). */
  orgId?: string;
}

export interface DispatchSummary {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * The `dispatch-outbox` job: claims due e-mails batch by batch and sends each batch in parallel.
 * Safe to run on several instances at once: a message is held by one claim at a time, and its id is
 * the provider's idempotency key, so a re-claim after a crash gets the first send's answer back.
 */
export async function dispatchOutbox(db: Database, options: DispatchOptions = {}): Promise<DispatchSummary> {
  const sender = options.sender ?? configuredEmailSender();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const contexts = new Map<string, Promise<EmailContext>>();
  const contextOf = (orgId: string) => {
    if (!contexts.has(orgId)) contexts.set(orgId, emailContextFor(db, orgId));
    return contexts.get(orgId)!;
  };
  return dispatchInBatches(
    () => claimDueMessages(db, { batchSize, orgId: options.orgId }),
    batchSize,
    async (message) => deliverClaimed(db, message, await contextOf(message.orgId), sender),
  );
}

/** Claims batch after batch (up to a bound per run) and delivers each batch in parallel. */
export async function dispatchInBatches(
  claimBatch: () => Promise<ClaimedMessage[]>,
  batchSize: number,
  deliver: (message: ClaimedMessage) => Promise<MessageStatus>,
): Promise<DispatchSummary> {
  const summary: DispatchSummary = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const claimed = await claimBatch();
    summary.claimed += claimed.length;
    const statuses = await Promise.all(claimed.map(deliver));
    for (const status of statuses) {
      if (status === "sent") summary.sent++;
      else if (status === "failed") summary.failed++;
      else summary.retrying++;
    }
    if (claimed.length < batchSize) break;
  }
  return summary;
}

/**
 * Sends one message now, whatever its backoff says (outbox.resend). A sent message is never sent
 * again; a failed one is tried again; one a dispatcher is sending right now is left to it.
 */
export async function sendMessageNow(db: Database, orgId: string, messageId: string, sender: EmailSender = configuredEmailSender()): Promise<MessageStatus> {
  const [claimed] = await db
    .update(outboxMessages)
    .set({ ...claim, status: "pending", nextAttemptAt: sql`now()` })
    .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.id, messageId), eq(outboxMessages.channel, "email"), ne(outboxMessages.status, "sent"), leaseFree))
    .returning(claimedColumns);
  if (!claimed) throw await whyNotClaimable(db, orgId, messageId);
  return deliverClaimed(db, claimed, await emailContextFor(db, orgId), sender);
}

async function whyNotClaimable(db: Database, orgId: string, messageId: string): Promise<AppError> {
  const status = await currentStatus(db, orgId, messageId);
  if (status === "sent") return new AppError("CONFLICT", "This message was already sent; it is not sent twice", { messageId });
  return new AppError("CONFLICT", "This message is being sent right now; look again in a minute", { messageId });
}

/**
 * Queues an e-mail already claimed by the caller and sends it straight away (outbox.sendTest): no
 * dispatcher can take it in between, and if the send fails the dispatcher retries it as usual.
 */
export async function enqueueAndSend(db: Database, orgId: string, email: OutgoingEmail, sender: EmailSender = configuredEmailSender()) {
  const [claimed] = await db
    .insert(outboxMessages)
    .values({ orgId, id: uuidv7(), channel: "email", ...email, attempts: 1, leasedUntil: claim.leasedUntil })
    .returning(claimedColumns);
  const status = await deliverClaimed(db, claimed!, await emailContextFor(db, orgId), sender);
  return { messageId: claimed!.id, status };
}
