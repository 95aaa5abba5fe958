import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages } from "../../db/schema";
import { dispatchOutbox } from "../../server/outbox/dispatch";
import { createResendSender, type EmailSender } from "../../server/outbox/email-sender";
import { recordUsage } from "../../server/usage/record-usage";
import { useTestDatabase } from "../support/database";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { api, autoTopUpAfterSpend, createPurchaseOrg, CREDIT, verifyLedgerAfterEach, type PurchaseOrg } from "../support/purchase-fixtures";

/**
 * The purchase e-mails end to end, through the outbox and the real Resend SDK against the loopback
 * fake: finance is asked to approve, the requester hears the decision, the administrators hear
 * what auto top-up did — each e-mail delivered once.
 */
const db = useTestDatabase();
verifyLedgerAfterEach(db);
let fake: FakeResend;
let resend: EmailSender;

beforeAll(async () => {
  fake = await startFakeResend();
  resend = createResendSender({ apiKey: fake.apiKey, baseUrl: fake.url, from: "Allot <alerts@allot.local>", timeoutMs: 5_000 });
});
afterAll(() => fake.close());

const flat = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ");

/** Sends what the organisation has queued and answers what reached each address, in order. */
async function deliver(org: PurchaseOrg) {
  const before = fake.deliveries.length;
  const summary = await dispatchOutbox(db, { sender: resend, orgId: org.orgId });
  expect(summary.failed).toBe(0);
  return fake.deliveries.slice(before);
}

describe("purchase e-mails through Resend", () => {
  it("finance members (but not the requester) are asked to approve; the requester hears the decision", async () => {
    const org = await createPurchaseOrg(db, { approvalThresholdMinor: 50_000, approvalExpiryHours: 48 });
    const create = api(db, org.member).purchases.create;
    const { purchase } = await create({ idempotencyKey: "big", creditsMicros: 100_000 * CREDIT, note: "Q3 roll-out" });

    const asked = await deliver(org);
    expect(asked.map((delivery) => delivery.to.join()).sort()).toEqual([org.finance.email, org.finance2.email].sort());
    for (const delivery of asked) {
      expect(delivery.subject).toBe(`Approval needed: ${org.member.name} asks to buy 100,000 credits for $1,000.00`);
      expect(flat(delivery.text)).toContain("Credits 100,000 credits Total $1,000.00");
      expect(flat(delivery.text)).toContain("Note Q3 roll-out");
      expect(delivery.text).toContain("/approvals");
    }

    const approved = await api(db, org.finance).approvals.approve({ purchaseId: purchase.id, comment: "Within plan" });
    const told = await deliver(org);
    expect(told.map((delivery) => [delivery.to.join(), delivery.subject])).toEqual([[org.member.email, "Your purchase of 100,000 credits was approved"]]);
    expect(flat(told[0]!.text)).toContain(`Invoice ${approved.invoiceNumber} has been issued`);
    expect(flat(told[0]!.text)).toContain(`Decided by ${org.finance.name} Comment Within plan`);
    expect(told[0]!.text).toContain(`/purchases/${purchase.id}`);

    // A finance member's own request: only the other finance member is asked.
    const own = await api(db, org.finance2).purchases.create({ idempotencyKey: "own", creditsMicros: 60_000 * CREDIT });
    expect((await deliver(org)).map((delivery) => delivery.to.join())).toEqual([org.finance.email]);
    await api(db, org.finance).approvals.reject({ purchaseId: own.purchase.id, comment: "Not this quarter" });
    const rejected = await deliver(org);
    expect(rejected.map((delivery) => [delivery.to.join(), delivery.subject])).toEqual([[org.finance2.email, "Your purchase of 60,000 credits was rejected"]]);
    expect(flat(rejected[0]!.text)).toContain("Comment Not this quarter");

    // Each message went out exactly once, and nothing is left to send.
    const sent = await db.select().from(outboxMessages).where(eq(outboxMessages.orgId, org.orgId));
    for (const message of sent) expect(fake.deliveredCount(message.id)).toBe(1);
    expect(await deliver(org)).toEqual([]);
  });

  it("the administrators hear what auto top-up did", async () => {
    const org = await createPurchaseOrg(
      db,
      { autoTopUp: { enabled: true, thresholdMicros: 500 * CREDIT, blockMicros: 250 * CREDIT, monthlyCapMinor: 10_000 } },
      { starterMicros: 600 * CREDIT },
    );
    // The spend itself sets it off.
    await recordUsage(db, org.apiKey, [{ idempotencyKey: "spend", model: "test-small", inputTokens: 200 * CREDIT }]);
    const { id: purchaseId } = await autoTopUpAfterSpend(db, org.orgId);
    const delivered = await deliver(org);
    expect(delivered.map((delivery) => [delivery.to.join(), delivery.subject])).toEqual([[org.admin.email, "Auto top-up: buying 250 credits for $2.50"]]);
    const invoiceNumber = (await api(db, org.admin).purchases.get({ purchaseId: purchaseId! })).invoice!.number;
    expect(flat(delivered[0]!.text)).toContain(`Available 400 credits Threshold 500 credits Block 250 credits for $2.50`);
    expect(flat(delivered[0]!.text)).toContain(`Invoice ${invoiceNumber}`);
    const queued = await db.select().from(outboxMessages).where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.template, "auto-top-up")));
    expect(queued.map((message) => message.status)).toEqual(["sent"]);
  });
});
