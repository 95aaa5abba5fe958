import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMessages, purchases } from "../../db/schema";
import { getCreditBalance } from "../../server/ledger/balance";
import { requestAutoTopUp, runAutoTopUps } from "../../server/purchases/auto-top-up";
import { recordUsage } from "../../server/usage/record-usage";
import { useConnections } from "../support/db-connections";
import { useTestDatabase } from "../support/database";
import { api, autoTopUpAfterSpend, createPurchaseOrg, CREDIT, verifyLedgerAfterEach, type PurchaseOrg } from "../support/purchase-fixtures";

/**
 * Auto top-up: below the threshold it buys the block — at most one in flight per organisation,
 * within the monthly cap, through finance when the block is at or above the approval threshold,
 * never in a loop — and the administrators are e-mailed.
 */
const db = useTestDatabase();
verifyLedgerAfterEach(db);
const connections = useConnections(10);

/** 1,000 credits to start; below 900 buy 100 credits ($1.00); at most $2.50 a month: two blocks. */
const AUTO = { enabled: true, thresholdMicros: 900 * CREDIT, blockMicros: 100 * CREDIT, monthlyCapMinor: 250 };

const autoTopUps = (org: PurchaseOrg) =>
  db.select().from(purchases).where(and(eq(purchases.orgId, org.orgId), eq(purchases.source, "auto_top_up"))).orderBy(purchases.createdAt);

const emailsOf = (org: PurchaseOrg, template: string) =>
  db.select().from(outboxMessages).where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.template, template))).orderBy(outboxMessages.createdAt);

/** `calls` spends of `credits` each on separate connections, each followed by requestAutoTopUp as the spend path will. */
async function spendConcurrently(org: PurchaseOrg, calls: number, credits: number, prefix: string) {
  return Promise.all(
    Array.from({ length: calls }, async (_, index) => {
      const connection = connections[index % connections.length]!;
      await recordUsage(connection, org.apiKey, [{ idempotencyKey: `${prefix}-${index}`, model: "test-small", inputTokens: credits * CREDIT }]);
      return requestAutoTopUp(connection, org.orgId);
    }),
  );
}

describe("auto top-up", () => {
  it("under concurrent spending: at most one in flight, the monthly cap respected, admins e-mailed", async () => {
    const org = await createPurchaseOrg(db, { autoTopUp: AUTO }, { starterMicros: 1_000 * CREDIT });
    expect(await requestAutoTopUp(db, org.orgId)).toEqual({ outcome: "above_threshold", purchaseId: null });

    // 40 spends of 5 credits: the balance crosses 900 credits and keeps falling while they race.
    // The spend path also nudges auto top-up after its commit (server/usage/usage-lanes.ts), racing
    // these calls: at most one of them starts the purchase, and exactly one purchase exists.
    const first = await spendConcurrently(org, 40, 5, "a");
    expect(first.filter((result) => result.purchaseId).length).toBeLessThanOrEqual(1);
    for (const result of first) expect(["above_threshold", "purchase_started", "in_flight"]).toContain(result.outcome);
    let bought = await autoTopUps(org);
    expect(bought.map((row) => [row.status, row.creditsMicros, row.totalMinor, row.requestedByMemberId])).toEqual([["awaiting_payment", 100 * CREDIT, 100, null]]);
    expect(await runAutoTopUps(db)).toMatchObject({ started: 0 });

    // Paid, the block lands; still below the threshold, so the next spends buy a second block.
    await api(db, org.finance).purchases.markPaid({ purchaseId: bought[0]!.id });
    const second = await spendConcurrently(org, 20, 5, "b");
    expect(second.filter((result) => result.purchaseId).length).toBeLessThanOrEqual(1);
    bought = await autoTopUps(org);
    expect(bought.map((row) => row.status)).toEqual(["paid", "awaiting_payment"]);
    await api(db, org.finance).purchases.markPaid({ purchaseId: bought[1]!.id });

    // A third block would take the month to $3.00, past the $2.50 cap: nothing is bought, the admins hear it once.
    const third = await spendConcurrently(org, 20, 5, "c");
    expect(third.filter((result) => result.purchaseId)).toEqual([]);
    expect(third.some((result) => result.outcome === "cap_reached")).toBe(true);
    expect((await autoTopUps(org)).map((row) => row.status)).toEqual(["paid", "paid"]);
    expect((await emailsOf(org, "auto-top-up")).map((message) => [message.recipient, (message.payload as { event: string }).event])).toEqual([
      [org.admin.email, "purchase_started"],
      [org.admin.email, "purchase_started"],
      [org.admin.email, "cap_reached"],
    ]);
    const capMail = (await emailsOf(org, "auto-top-up")).at(-1)!.payload;
    expect(capMail).toMatchObject({ boughtThisMonthMinor: 200, monthlyCapMinor: 250, totalMinor: 100 });

    // Raising the cap lets it buy again.
    await api(db, org.admin).purchases.updateSettings({ autoTopUp: { ...AUTO, monthlyCapMinor: 300 } });
    expect((await runAutoTopUps(db)).started).toBeGreaterThanOrEqual(1);
    expect((await autoTopUps(org)).map((row) => row.status)).toEqual(["paid", "paid", "awaiting_payment"]);
  });

  it("a settle that takes the balance below the threshold sets it off, as a record does", async () => {
    const org = await createPurchaseOrg(db, { autoTopUp: AUTO }, { starterMicros: 1_000 * CREDIT });
    const caller = api(db, org.apiKey);
    const { reservationId } = await caller.usage.authorize({ idempotencyKey: "hold", amountMicros: 150 * CREDIT });
    await caller.usage.settle({ reservationId, model: "test-small", inputTokens: 150 * CREDIT });

    expect(await autoTopUpAfterSpend(db, org.orgId)).toMatchObject({ status: "awaiting_payment", creditsMicros: 100 * CREDIT });
  });

  it("at or above the approval threshold it opens a request for finance instead of buying; a rejection is not answered by a new request", async () => {
    const org = await createPurchaseOrg(db, { approvalThresholdMinor: 100, autoTopUp: AUTO }, { starterMicros: 1_000 * CREDIT });
    // The spend itself sets it off.
    await recordUsage(db, org.apiKey, [{ idempotencyKey: "dip", model: "test-small", inputTokens: 150 * CREDIT }]);
    await autoTopUpAfterSpend(db, org.orgId);
    const [request] = await autoTopUps(org);
    expect(request).toMatchObject({ status: "pending_approval", requiredApprovals: 1, requestedByMemberId: null });
    expect((await emailsOf(org, "purchase-approval-requested")).map((message) => message.recipient).sort()).toEqual([org.finance.email, org.finance2.email].sort());
    expect((await emailsOf(org, "auto-top-up")).map((message) => (message.payload as { event: string }).event)).toEqual(["approval_requested"]);
    expect(await requestAutoTopUp(db, org.orgId)).toEqual({ outcome: "in_flight", purchaseId: null });

    await api(db, org.finance).approvals.reject({ purchaseId: request!.id, comment: "buy it by hand" });
    // Nobody requested it, so the decision goes to the administrators.
    expect((await emailsOf(org, "purchase-decision")).map((message) => [message.recipient, (message.payload as { decision: string }).decision])).toEqual([
      [org.admin.email, "rejected"],
    ]);
    for (let run = 0; run < 3; run++) await runAutoTopUps(db);
    expect(await requestAutoTopUp(db, org.orgId)).toEqual({ outcome: "declined", purchaseId: null });
    expect(await autoTopUps(org)).toHaveLength(1);

    // An administrator saving the settings re-arms it.
    await api(db, org.admin).purchases.updateSettings({ autoTopUp: AUTO });
    expect((await requestAutoTopUp(db, org.orgId)).outcome).toBe("approval_requested");
    const approved = (await autoTopUps(org)).at(-1)!;
    await api(db, org.finance).approvals.approve({ purchaseId: approved.id });
    await api(db, org.finance2).purchases.markPaid({ purchaseId: approved.id });
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(950 * CREDIT);
    expect(await requestAutoTopUp(db, org.orgId)).toEqual({ outcome: "above_threshold", purchaseId: null });
  });

  it("does nothing when switched off, and the in-flight rule is also a unique index", async () => {
    const org = await createPurchaseOrg(db, {}, { starterMicros: 10 * CREDIT });
    expect(await requestAutoTopUp(db, org.orgId)).toEqual({ outcome: "disabled", purchaseId: null });
    await api(db, org.admin).purchases.updateSettings({ autoTopUp: AUTO });
    const started = await requestAutoTopUp(db, org.orgId);
    expect(started.outcome).toBe("purchase_started");
    const [row] = await autoTopUps(org);
    const duplicate = { ...row!, id: crypto.randomUUID(), idempotencyKey: "forced-second" };
    await expect(db.insert(purchases).values(duplicate)).rejects.toThrow();
    await api(db, org.admin).purchases.updateSettings({ autoTopUp: { ...AUTO, enabled: false } });
    expect(await requestAutoTopUp(db, org.orgId)).toEqual({ outcome: "disabled", purchaseId: null });
    expect(await db.$count(purchases, and(eq(purchases.orgId, org.orgId), inArray(purchases.status, ["pending_approval", "awaiting_payment"])))).toBe(1);
  });
});
