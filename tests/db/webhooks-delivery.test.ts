import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages, webhookEndpoints } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { claimDueMessages } from "../../server/outbox/dispatch";
import { computeSignature, verifyWebhook, WebhookVerificationError } from "../../server/webhooks/verify";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { deliveriesOf, dispatchFor, emit, eventsOf, makeDeliveriesDue, registerEndpoint } from "../support/webhook-fixtures";

/**
 * Delivering webhooks to a loopback receiver: signed so a host can verify them, retried until the
 * receiver acknowledges, one acknowledged delivery per event id, replays with the same event id.
 */
const db = useTestDatabase();
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

const lowBalance = (key: string) => ({ type: "balance.low" as const, key, data: { alertId: key, availableMicros: 5, thresholdMicros: 10 } });

async function orgWithEndpoint() {
  const org = await createTestOrg(db);
  const endpoint = await registerEndpoint(db, org.admin, receiver.url);
  return { org, endpoint, admin: createCaller({ db, principal: org.admin }) };
}

/** "verified", or why verification failed. */
function reasonOf(run: () => unknown): string {
  try {
    run();
    return "verified";
  } catch (error) {
    return error instanceof WebhookVerificationError ? error.reason : "other";
  }
}

async function onlyEventId(org: TestOrg): Promise<string> {
  const events = await eventsOf(db, org.orgId);
  expect(events).toHaveLength(1);
  return events[0]!.id;
}

describe("signatures", () => {
  it("a delivery verifies with the endpoint's secret; a tampered body, an old timestamp or another secret does not", async () => {
    const { org, endpoint } = await orgWithEndpoint();
    await emit(db, org.orgId, lowBalance("sig"));
    expect(await dispatchFor(db, org.orgId)).toMatchObject({ claimed: 1, sent: 1 });
    const eventId = await onlyEventId(org);
    const [request] = receiver.acknowledged(eventId);
    const signature = request!.headers["allot-signature"]!;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(request!.headers["content-type"]).toBe("application/json");

    const event = verifyWebhook({ body: request!.body, signature, secret: endpoint.secret });
    expect(event).toEqual({ id: eventId, type: "balance.low", createdAt: expect.any(String), orgId: org.orgId, data: { alertId: "sig", availableMicros: 5, thresholdMicros: 10 } });
    const stored = (await eventsOf(db, org.orgId))[0]!;
    expect(new Date(event.createdAt).getTime()).toBe(stored.createdAt.getTime());

    const failure = (options: Parameters<typeof verifyWebhook>[0]) => reasonOf(() => verifyWebhook(options));
    const tampered = request!.body.replace('"availableMicros":5', '"availableMicros":500');
    expect(tampered).not.toBe(request!.body);
    expect(failure({ body: tampered, signature, secret: endpoint.secret })).toBe("signature-mismatch");
    expect(failure({ body: request!.body, signature, secret: `${endpoint.secret}x` })).toBe("signature-mismatch");
    const t = Number(/t=(\d+)/.exec(signature)![1]);
    expect(failure({ body: request!.body, signature, secret: endpoint.secret, nowSeconds: t + 301 })).toBe("timestamp-too-old");
    expect(failure({ body: request!.body, signature, secret: endpoint.secret, nowSeconds: t + 299 })).toBe("verified");
    expect(failure({ body: request!.body, signature, secret: endpoint.secret, nowSeconds: t - 301 })).toBe("timestamp-in-future");
    // An attacker re-signing an old capture with a fresh timestamp cannot: the signature covers it.
    expect(failure({ body: request!.body, signature: signature.replace(/t=\d+/, `t=${t + 1000}`), secret: endpoint.secret, nowSeconds: t + 1000 })).toBe(
      "signature-mismatch",
    );
    expect(failure({ body: request!.body, signature: null, secret: endpoint.secret })).toBe("missing-header");
    expect(failure({ body: request!.body, signature: "v1=abc", secret: endpoint.secret })).toBe("malformed-header");
    // The documented recipe, by hand: HMAC-SHA256 of "<t>.<body>".
    expect(signature.split("v1=")[1]).toBe(computeSignature(endpoint.secret, t, request!.body));
  });

  it("stores the secret encrypted; a rotated secret signs alongside the old one for the overlap chosen", async () => {
    const { org, endpoint, admin } = await orgWithEndpoint();
    const [row] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, org.orgId), eq(webhookEndpoints.id, endpoint.id)));
    expect(row!.secretCiphertext).not.toContain(endpoint.secret.slice(6));
    expect(endpoint.secret.endsWith(row!.secretHint)).toBe(true);
    expect(JSON.stringify(await admin.webhooks.get({ endpointId: endpoint.id }))).not.toContain(endpoint.secret);

    const signedWith = async () => {
      const { eventId } = await admin.webhooks.sendTest({ endpointId: endpoint.id });
      const [request] = receiver.acknowledged(eventId);
      const signature = request!.headers["allot-signature"]!;
      return { count: signature.split(",v1=").length - 1, verifies: (secret: string) => reasonOf(() => verifyWebhook({ body: request!.body, signature, secret })) };
    };
    // By default the old secret signs alongside the new one for 24 hours: receivers switch without a gap.
    const { secret: rotated } = await admin.webhooks.rotateSecret({ endpointId: endpoint.id });
    expect(rotated).not.toBe(endpoint.secret);
    const overlapping = await signedWith();
    expect([overlapping.count, overlapping.verifies(rotated), overlapping.verifies(endpoint.secret)]).toEqual([2, "verified", "verified"]);
    expect((await admin.webhooks.get({ endpointId: endpoint.id })).previousSecretExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    // Once the overlap has passed, only the new one signs.
    await db
      .update(webhookEndpoints)
      .set({ previousSecretExpiresAt: sql`now() - interval '1 second'` })
      .where(and(eq(webhookEndpoints.orgId, org.orgId), eq(webhookEndpoints.id, endpoint.id)));
    const afterOverlap = await signedWith();
    expect([afterOverlap.count, afterOverlap.verifies(rotated), afterOverlap.verifies(endpoint.secret)]).toEqual([1, "verified", "signature-mismatch"]);

    // A leaked secret: rotate with no overlap, and it stops at once.
    const { secret: urgent } = await admin.webhooks.rotateSecret({ endpointId: endpoint.id, oldSecretValidHours: 0 });
    const stopped = await signedWith();
    expect([stopped.count, stopped.verifies(urgent), stopped.verifies(rotated)]).toEqual([1, "verified", "signature-mismatch"]);
    await expect(admin.webhooks.rotateSecret({ endpointId: endpoint.id, oldSecretValidHours: 73 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("retries and exactly one acknowledged delivery per event id", () => {
  it("a receiver answering 500 then 200 gets one delivery per event id, logged attempt by attempt", async () => {
    const { org, endpoint, admin } = await orgWithEndpoint();
    await emit(db, org.orgId, lowBalance("retry"));
    const eventId = await onlyEventId(org);
    receiver.answerNext(500);

    expect(await dispatchFor(db, org.orgId)).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    const [waiting] = await deliveriesOf(db, org.orgId);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "The endpoint answered HTTP 500" });
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect((await dispatchFor(db, org.orgId)).claimed).toBe(0);

    await makeDeliveriesDue(db, org.orgId);
    expect(await dispatchFor(db, org.orgId)).toMatchObject({ claimed: 1, sent: 1 });
    await makeDeliveriesDue(db, org.orgId);
    expect((await dispatchFor(db, org.orgId)).claimed).toBe(0);

    const sent = receiver.requests.filter((request) => request.eventId === eventId);
    expect(sent.map((request) => request.status)).toEqual([500, 200]);
    expect(receiver.acknowledged(eventId)).toHaveLength(1);
    // Both attempts carried the same event and body; each was signed when it was sent.
    expect(sent[0]!.body).toBe(sent[1]!.body);
    expect(new Set(sent.map((request) => request.headers["allot-delivery-id"])).size).toBe(1);

    const [delivery] = await admin.webhooks.deliveries({ endpointId: endpoint.id });
    expect(delivery).toMatchObject({ eventId, type: "balance.low", status: "sent", attempts: 2, replayOf: null });
    expect(delivery!.attemptLog.map((attempt) => [attempt.statusCode, attempt.responseExcerpt])).toEqual([
      [200, "ok"],
      [500, "receiver said 500"],
    ]);
    expect(delivery!.attemptLog.every((attempt) => attempt.durationMs >= 0)).toBe(true);
  });

  it("a dispatcher that died holding a delivery: another takes it over once the lease lapses, and it is delivered once", async () => {
    const { org } = await orgWithEndpoint();
    await emit(db, org.orgId, lowBalance("crash"));
    const eventId = await onlyEventId(org);
    // The first dispatcher claims and then dies before sending.
    expect(await claimDueMessages(db, { orgId: org.orgId, channel: "webhook" })).toHaveLength(1);
    expect((await dispatchFor(db, org.orgId)).claimed).toBe(0);
    expect(receiver.requests.filter((request) => request.eventId === eventId)).toHaveLength(0);

    await db
      .update(outboxMessages)
      .set({ leasedUntil: sql`now() - interval '1 second'` })
      .where(eq(outboxMessages.orgId, org.orgId));
    expect(await dispatchFor(db, org.orgId)).toMatchObject({ claimed: 1, sent: 1 });
    await makeDeliveriesDue(db, org.orgId);
    expect((await dispatchFor(db, org.orgId)).claimed).toBe(0);
    expect(receiver.requests.filter((request) => request.eventId === eventId)).toHaveLength(1);
    expect((await deliveriesOf(db, org.orgId))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("dispatchers running at once (a restart overlapping the old process) deliver each event once", async () => {
    const { org } = await orgWithEndpoint();
    for (let i = 0; i < 12; i++) await emit(db, org.orgId, lowBalance(`overlap-${i}`));
    receiver.setDelay(50);
    try {
      await Promise.all([dispatchFor(db, org.orgId), dispatchFor(db, org.orgId), dispatchFor(db, org.orgId)]);
    } finally {
      receiver.setDelay(0);
    }
    const events = await eventsOf(db, org.orgId);
    expect(events).toHaveLength(12);
    for (const event of events) expect(receiver.requests.filter((request) => request.eventId === event.id)).toHaveLength(1);
    expect((await deliveriesOf(db, org.orgId)).every((delivery) => delivery.status === "sent")).toBe(true);
  });

  it("gives up after the maximum age, and a receiver that does not answer in time is a failed attempt", async () => {
    const { org } = await orgWithEndpoint();
    await emit(db, org.orgId, lowBalance("slow"));
    receiver.setDelay(400);
    try {
      expect(await dispatchFor(db, org.orgId, 100)).toMatchObject({ retrying: 1 });
    } finally {
      receiver.setDelay(0);
    }
    expect((await deliveriesOf(db, org.orgId))[0]!.lastError).toBe("No answer within 0.1 s");

    await db
      .update(outboxMessages)
      .set({ createdAt: sql`now() - interval '4 days'`, nextAttemptAt: sql`now()` })
      .where(eq(outboxMessages.orgId, org.orgId));
    receiver.answerNext(503);
    expect(await dispatchFor(db, org.orgId)).toMatchObject({ claimed: 1, failed: 1 });
    expect((await deliveriesOf(db, org.orgId))[0]).toMatchObject({ status: "failed", lastError: "The endpoint answered HTTP 503" });
  });
});

describe("replay, test events and disabling", () => {
  it("replay from the log re-sends the event with the same event id and body, as a new delivery", async () => {
    const { org, endpoint, admin } = await orgWithEndpoint();
    await emit(db, org.orgId, lowBalance("replay"));
    await dispatchFor(db, org.orgId);
    const eventId = await onlyEventId(org);
    const [original] = await admin.webhooks.deliveries({ endpointId: endpoint.id });

    const replayed = await admin.webhooks.replay({ messageId: original!.id });
    expect(replayed).toMatchObject({ eventId, status: "sent" });
    expect(replayed.messageId).not.toBe(original!.id);
    const requests = receiver.acknowledged(eventId);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(verifyWebhook({ body: requests[1]!.body, signature: requests[1]!.headers["allot-signature"], secret: endpoint.secret }).id).toBe(eventId);

    const log = await admin.webhooks.deliveries({ endpointId: endpoint.id });
    expect(log.map((delivery) => [delivery.eventId, delivery.replayOf, delivery.status])).toEqual([
      [eventId, original!.id, "sent"],
      [eventId, null, "sent"],
    ]);
    // Still one event: a replay is a delivery, not a new event.
    expect(await eventsOf(db, org.orgId)).toHaveLength(1);
  });

  it("a test event reaches the endpoint whatever it subscribes to", async () => {
    const org = await createTestOrg(db);
    const endpoint = await registerEndpoint(db, org.admin, `${receiver.url}/${org.slug}`, ["grant.expired"]);
    const result = await createCaller({ db, principal: org.admin }).webhooks.sendTest({ endpointId: endpoint.id });
    expect(result.status).toBe("sent");
    const [event] = receiver.verifiedEvents(endpoint.url, endpoint.secret);
    expect(event).toMatchObject({ type: "webhook.test", orgId: org.orgId, data: { endpointId: endpoint.id } });
  });

  it("disabling an endpoint stops its deliveries, queued ones included, and it gets no new events", async () => {
    const { org, endpoint, admin } = await orgWithEndpoint();
    await emit(db, org.orgId, lowBalance("before-disable"));
    await admin.webhooks.update({ endpointId: endpoint.id, enabled: false });
    expect(await dispatchFor(db, org.orgId)).toMatchObject({ claimed: 1, failed: 1 });
    expect((await deliveriesOf(db, org.orgId))[0]).toMatchObject({ status: "failed", lastError: "The endpoint is disabled" });
    const eventId = await onlyEventId(org);
    expect(receiver.requests.filter((request) => request.eventId === eventId)).toHaveLength(0);

    await emit(db, org.orgId, lowBalance("while-disabled"));
    expect(await deliveriesOf(db, org.orgId)).toHaveLength(1);
    const [delivery] = await admin.webhooks.deliveries({ endpointId: endpoint.id });
    await expect(admin.webhooks.replay({ messageId: delivery!.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(admin.webhooks.sendTest({ endpointId: endpoint.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses URLs that are not http(s) or carry credentials, and an empty subscription, changing nothing", async () => {
    const org = await createTestOrg(db);
    const admin = createCaller({ db, principal: org.admin });
    for (const url of ["ftp://example.test/hook", "file:///etc/passwd", "javascript:alert(1)", "https://user:pass@example.test/hook", "not a url"]) {
      await expect(admin.webhooks.create({ url, eventTypes: ["balance.low"] }), url).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(admin.webhooks.create({ url: receiver.url, eventTypes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.webhooks.create({ url: receiver.url, eventTypes: ["webhook.test" as never] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await admin.webhooks.list()).toEqual([]);
  });
});
