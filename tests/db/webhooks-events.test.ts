import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { WebhookEventType } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { expireGrants } from "../../server/ledger/expire-grants";
import { createGrant } from "../../server/ledger/grants";
import { callerFor, spendEvent } from "../support/budget-fixtures";
import { useConnections } from "../support/db-connections";
import { letGrantLapse } from "../support/db-time";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";
import { api, CREDIT, createPurchaseOrg } from "../support/purchase-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { deliveriesOf, dispatchFor, eventsOf, registerEndpoint } from "../support/webhook-fixtures";

/**
 * Every event type comes from the real domain action, in its transaction, exactly once per
 * subscribed endpoint however many requests race to cause it — and reaches each endpoint, signed
 * with that endpoint's secret, once.
 */
const db = useTestDatabase();
const PARALLEL = 8;
const connections = useConnections(PARALLEL);
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

/** `count` calls spread over separate sessions, all at once; the refusals are returned, not thrown. */
async function race(count: number, call: (connection: Database, index: number) => Promise<unknown>) {
  const settled = await Promise.allSettled(Array.from({ length: count }, (_, index) => call(connections[index % PARALLEL]!, index)));
  return { admitted: settled.filter((result) => result.status === "fulfilled").length, refused: settled.filter((result) => result.status === "rejected").length };
}

/** Two endpoints on every event type, and one that listens to grant expiries only. */
async function listeners(org: TestOrg) {
  const all = [
    await registerEndpoint(db, org.admin, `${receiver.url}/${org.slug}-a`),
    await registerEndpoint(db, org.admin, `${receiver.url}/${org.slug}-b`),
  ];
  const grantsOnly = await registerEndpoint(db, org.admin, `${receiver.url}/${org.slug}-grants`, ["grant.expired"]);
  return { all, grantsOnly };
}

/** The deliveries queued per event (event id → endpoint ids), and each endpoint's received events of a type after dispatching. */
async function expectOneDeliveryPerEndpoint(org: TestOrg, endpoints: { id: string; url: string; secret: string }[], type: WebhookEventType, count: number) {
  const events = await eventsOf(db, org.orgId, type);
  expect(events, type).toHaveLength(count);
  const deliveries = await deliveriesOf(db, org.orgId);
  for (const event of events) {
    const to = deliveries.filter((delivery) => (delivery.payload as { eventId: string }).eventId === event.id).map((delivery) => delivery.recipient);
    expect(to.sort()).toEqual(endpoints.map((endpoint) => endpoint.id).sort());
  }
  await dispatchFor(db, org.orgId);
  for (const endpoint of endpoints) {
    const received = receiver.verifiedEvents(endpoint.url, endpoint.secret).filter((event) => event.type === type);
    expect(received.map((event) => event.id).sort()).toEqual(events.map((event) => event.id).sort());
  }
  return events.map((event) => JSON.parse(event.body) as { id: string; type: string; orgId: string; data: Record<string, unknown> });
}

describe("events from the domain, once per endpoint", () => {
  it("budget.threshold_crossed: each threshold once, under concurrent spends", async () => {
    const org = await createTestOrg(db);
    const { all, grantsOnly } = await listeners(org);
    const budget = await callerFor(db, org.admin).budgets.create({ name: "Support", scope: "department", departmentId: org.departments.support, period: "month", limitMicros: 4_000 });
    const { admitted } = await race(48, (connection, index) => callerFor(connection, org.apiKey).usage.record(spendEvent(`spend-${index}`, 100, { department: "support" })));
    expect(admitted).toBe(48);

    const events = await expectOneDeliveryPerEndpoint(org, all, "budget.threshold_crossed", 4);
    // Concurrent requests may share a transaction (group commit), so several thresholds can share a timestamp.
    events.sort((a, b) => Number(a.data.thresholdPercent) - Number(b.data.thresholdPercent));
    expect(events.map((event) => [event.data.thresholdPercent, event.data.spentMicros, event.data.limitMicros, event.data.budgetId])).toEqual([
      [50, 2_000, 4_000, budget.id],
      [75, 3_000, 4_000, budget.id],
      [90, 3_600, 4_000, budget.id],
      [100, 4_000, 4_000, budget.id],
    ]);
    expect(events[0]!.orgId).toBe(org.orgId);
    // An alert budget never pauses; the endpoint for grant expiries heard nothing of this.
    expect(await eventsOf(db, org.orgId, "budget.paused")).toEqual([]);
    expect(receiver.requests.filter((request) => request.path.endsWith(`${org.slug}-grants`))).toEqual([]);
    expect((await deliveriesOf(db, org.orgId)).some((delivery) => delivery.recipient === grantsOnly.id)).toBe(false);
  });

  it("budget.paused once when a pause budget fills under concurrent spends (refusals emit nothing); budget.resumed once", async () => {
    const org = await createTestOrg(db);
    const { all } = await listeners(org);
    const admin = callerFor(db, org.admin).budgets;
    // Thresholds without 100 %: the pause is an event of its own, not an alert.
    const budget = await admin.create({ name: "Support cap", scope: "department", departmentId: org.departments.support, period: "month", limitMicros: 1_000, mode: "pause", thresholds: [50] });
    const { admitted, refused } = await race(24, (connection, index) => callerFor(connection, org.apiKey).usage.record(spendEvent(`spend-${index}`, 100, { department: "support" })));
    expect([admitted, refused]).toEqual([10, 14]);

    const [paused] = await expectOneDeliveryPerEndpoint(org, all, "budget.paused", 1);
    expect(paused!.data).toMatchObject({ budgetId: budget.id, mode: "pause", spentMicros: 1_000, limitMicros: 1_000, scope: "department", departmentId: org.departments.support });
    expect(await eventsOf(db, org.orgId, "budget.threshold_crossed")).toHaveLength(1);

    await Promise.all([admin.resume({ budgetId: budget.id }), callerFor(connections[0]!, org.admin).budgets.resume({ budgetId: budget.id })]);
    await admin.resume({ budgetId: budget.id });
    const [resumed] = await expectOneDeliveryPerEndpoint(org, all, "budget.resumed", 1);
    expect(resumed!.data).toMatchObject({ budgetId: budget.id, resumedByMemberId: org.admin.memberId, spentMicros: 1_000, periodStart: paused!.data.periodStart });
    // Resumed, spend goes on past the limit without pausing again this period.
    await callerFor(db, org.apiKey).usage.record(spendEvent("after-resume", 500, { department: "support" }));
    expect(await eventsOf(db, org.orgId, "budget.paused")).toHaveLength(1);
  });

  it("balance.low once when concurrent spends take the balance below the threshold", async () => {
    const org = await createTestOrg(db, { starterMicros: 10_000 });
    const { all } = await listeners(org);
    await callerFor(db, org.admin).org.updateSettings({ lowBalanceThresholdMicros: 5_000 });
    const { admitted } = await race(40, (connection, index) => callerFor(connection, org.apiKey).usage.record(spendEvent(`spend-${index}`, 200)));
    expect(admitted).toBe(40);
    const [low] = await expectOneDeliveryPerEndpoint(org, all, "balance.low", 1);
    // The balance after the transaction that crossed (concurrent spends may share one: group commit).
    const available = low!.data.availableMicros as number;
    expect(low!.data.thresholdMicros).toBe(5_000);
    expect(available).toBeLessThan(5_000);
    expect((10_000 - available) % 200).toBe(0);
  });

  it("purchase.requested, purchase.approved and purchase.rejected, from the approval flow", async () => {
    const org = await createPurchaseOrg(db, { approvalThresholdMinor: 50_000, secondApprovalThresholdMinor: 500_000 });
    const { all } = await listeners(org);
    const request = async (key: string) => (await api(db, org.member).purchases.create({ idempotencyKey: key, creditsMicros: 100_000 * CREDIT, note: key })).purchase;
    const toApprove = await request("to-approve");
    const toReject = await request("to-reject");
    // A small purchase needs no approval: no event.
    await api(db, org.member).purchases.create({ idempotencyKey: "small", creditsMicros: 1_000 * CREDIT });

    const requested = await expectOneDeliveryPerEndpoint(org, all, "purchase.requested", 2);
    expect(requested.map((event) => event.data.purchaseId).sort()).toEqual([toApprove.id, toReject.id].sort());
    expect(requested[0]!.data).toMatchObject({ creditsMicros: 100_000 * CREDIT, currency: "USD", requiredApprovals: 1, status: "pending_approval" });

    await Promise.allSettled([
      api(db, org.finance).approvals.approve({ purchaseId: toApprove.id, comment: "ok" }),
      api(connections[1]!, org.finance2).approvals.approve({ purchaseId: toApprove.id, comment: "ok too" }),
    ]);
    await api(db, org.finance).approvals.reject({ purchaseId: toReject.id, comment: "not this quarter" });
    const [approved] = await expectOneDeliveryPerEndpoint(org, all, "purchase.approved", 1);
    expect(approved!.data).toMatchObject({ purchaseId: toApprove.id, totalMinor: toApprove.totalMinor });
    const [rejected] = await expectOneDeliveryPerEndpoint(org, all, "purchase.rejected", 1);
    expect(rejected!.data).toMatchObject({ purchaseId: toReject.id, decidedByMemberId: org.finance.memberId, comment: "not this quarter", status: "rejected" });
  });

  it("grant.expired once, whether the job or a spend posts the expiry, however many run at once", async () => {
    const org = await createTestOrg(db);
    const { all, grantsOnly } = await listeners(org);
    const grant = await createGrant(db, { orgId: org.orgId, kind: "promotion", amountMicros: 30_000, expiresAt: new Date(Date.now() + 86_400_000) });
    await callerFor(db, org.apiKey).usage.record(spendEvent("before-expiry", 10_000));
    await letGrantLapse(db, org.orgId, grant.id);
    await Promise.all([
      expireGrants(connections[0]!),
      expireGrants(connections[1]!),
      callerFor(connections[2]!, org.apiKey).usage.record(spendEvent("during-expiry", 100)),
      createCaller({ db: connections[3]!, principal: org.apiKey }).credits.balance(),
    ]);
    const [expired] = await expectOneDeliveryPerEndpoint(org, [...all, grantsOnly], "grant.expired", 1);
    expect(expired!.data).toMatchObject({ grantId: grant.id, kind: "promotion", grantedMicros: 30_000, expiredMicros: 20_000 });
  });
});
