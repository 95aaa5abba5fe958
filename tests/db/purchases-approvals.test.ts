import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invoices, outboxMessages, purchaseApprovals } from "../../db/schema";
import { getCreditBalance } from "../../server/ledger/balance";
import { addMember } from "../../server/orgs/members";
import { loadMemberPrincipal, type MemberPrincipal } from "../../server/auth/principal";
import { expirePurchaseRequests } from "../../server/purchases/expire-requests";
import { outcomeOf } from "../support/api-errors";
import { useConnections } from "../support/db-connections";
import { useTestDatabase } from "../support/database";
import { api, auditActions, createPurchaseOrg, CREDIT, grantsOf, letRequestLapse, verifyLedgerAfterEach, type PurchaseOrg } from "../support/purchase-fixtures";

/**
 * Invariant 6: a purchase at or above the approval threshold is approved only by a different
 * member with the finance role, once — by any path (tRPC, an API key the requester created) — and
 * its credits are granted once, when finance records the payment.
 */
const db = useTestDatabase();
verifyLedgerAfterEach(db);
const connections = useConnections(10);

/** Approval from $500; two approvers from $5,000. 100,000 credits at $0.01 = $1,000. */
const SETTINGS = { approvalThresholdMinor: 50_000, secondApprovalThresholdMinor: 500_000 };
const LARGE = 100_000 * CREDIT;

async function requestLarge(org: PurchaseOrg, key = "large", by = org.member, creditsMicros = LARGE) {
  return (await api(db, by).purchases.create({ idempotencyKey: key, creditsMicros, note: "agents for Q3" })).purchase;
}

async function financeMembers(org: PurchaseOrg, count: number): Promise<MemberPrincipal[]> {
  const people: MemberPrincipal[] = [];
  for (let index = 0; index < count; index++) {
    const { userId } = await addMember(db, {
      orgId: org.orgId,
      actor: "system",
      email: `finance-${index}.${org.slug}@example.test`,
      name: `Finance ${index}`,
      role: "finance",
      departmentId: null,
      headOfDepartmentIds: [],
    });
    people.push((await loadMemberPrincipal(db, userId, org.orgId))!);
  }
  return people;
}

describe("the approval flow", () => {
  it("a member's large request waits; finance approves; the invoice is issued; paid, the credits are granted — every step audited", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const before = await getCreditBalance(db, org.orgId);
    const requested = await requestLarge(org);
    expect(requested).toMatchObject({ status: "pending_approval", requiredApprovals: 1, totalMinor: 100_000, requestedByMemberId: org.member.memberId, invoiceNumber: null });
    expect(await api(db, org.finance).approvals.pendingCount()).toBe(1);
    const [inboxItem] = await api(db, org.finance).approvals.inbox();
    expect(inboxItem).toMatchObject({ id: requested.id, canDecide: true, note: "agents for Q3" });

    const approved = await api(db, org.finance).approvals.approve({ purchaseId: requested.id, comment: "in the plan" });
    expect(approved).toMatchObject({ status: "awaiting_payment", approvalCount: 1 });
    expect(approved.invoiceNumber).toMatch(/^INV-\d{4}-000001$/);
    expect(await api(db, org.finance).approvals.pendingCount()).toBe(0);
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(before.availableMicros);

    const paid = await api(db, org.finance2).purchases.markPaid({ purchaseId: requested.id, reference: "wire 123" });
    expect(paid.status).toBe("paid");
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(before.availableMicros + LARGE);
    const [grant] = await grantsOf(db, org.orgId, requested.id);
    expect(grant).toMatchObject({ kind: "purchase", amountMicros: LARGE, id: paid.grantId });

    const detail = await api(db, org.member).purchases.get({ purchaseId: requested.id });
    expect(detail.invoice).toMatchObject({ status: "paid", paymentReference: "wire 123", totalMinor: 100_000, billTo: `Test ${org.slug}` });
    expect(detail.approvals).toMatchObject([{ memberId: org.finance.memberId, decision: "approved", comment: "in the plan" }]);
    expect(detail.audit.map((entry) => [entry.action, entry.actorName])).toEqual([
      ["purchase.requested", org.member.name],
      ["purchase.approved", org.finance.name],
      ["purchase.payment_started", org.finance.name],
      ["purchase.paid", org.finance2.name],
    ]);
    expect(detail.audit[1]).toMatchObject({ before: { status: "pending_approval" }, after: { status: "awaiting_payment", comment: "in the plan" } });
    expect(detail.audit[3]).toMatchObject({ before: { status: "awaiting_payment", grantId: null }, after: { status: "paid", grantId: grant!.id } });
  });

  it("below the threshold the payment step starts at once; the invoice is paid by finance", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const { purchase, invoice, quote } = await api(db, org.member).purchases.create({ idempotencyKey: "small", creditsMicros: 1_000 * CREDIT });
    expect(purchase).toMatchObject({ status: "awaiting_payment", requiredApprovals: 0, totalMinor: 1_000 });
    expect(invoice).toMatchObject({ status: "issued", totalMinor: 1_000, taxRateBps: 0, lines: quote.lines });
    expect(await auditActions(db, org.orgId, purchase.id)).toEqual(["purchase.requested", "purchase.payment_started"]);
    await api(db, org.finance).purchases.markPaid({ purchaseId: purchase.id });
    expect(await auditActions(db, org.orgId, purchase.id)).toEqual(["purchase.requested", "purchase.payment_started", "purchase.paid"]);
  });
});

describe("separation of duties", () => {
  it("a finance member cannot approve, reject or mark paid their own request through tRPC", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const own = await requestLarge(org, "own", org.finance);
    expect(await api(db, org.finance).approvals.inbox()).toMatchObject([{ id: own.id, canDecide: false }]);
    expect(await api(db, org.finance).approvals.pendingCount()).toBe(0);
    expect(await outcomeOf(api(db, org.finance).approvals.approve({ purchaseId: own.id }))).toBe("SELF_APPROVAL_FORBIDDEN");
    expect(await outcomeOf(api(db, org.finance).approvals.reject({ purchaseId: own.id, comment: "no" }))).toBe("SELF_APPROVAL_FORBIDDEN");
    expect((await api(db, org.finance).purchases.get({ purchaseId: own.id })).permissions).toEqual({ approve: false, reject: false, cancel: true, markPaid: false });
    await api(db, org.finance2).approvals.approve({ purchaseId: own.id });
    expect(await outcomeOf(api(db, org.finance).purchases.markPaid({ purchaseId: own.id }))).toBe("SELF_APPROVAL_FORBIDDEN");
    await api(db, org.finance2).purchases.markPaid({ purchaseId: own.id });
    expect(await grantsOf(db, org.orgId, own.id)).toHaveLength(1);
  });

  it("a purchase asked for with an API key is its creator's request: the creator cannot approve it, and keys never approve", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const key = await org.keyCreatedBy(org.finance);
    const { purchase } = await api(db, key).purchases.create({ idempotencyKey: "by-key", creditsMicros: LARGE });
    expect(purchase).toMatchObject({ status: "pending_approval", requestedByMemberId: org.finance.memberId, apiKeyId: key.apiKeyId, apiKeyName: `key of ${org.finance.name}` });
    expect(await outcomeOf(api(db, org.finance).approvals.approve({ purchaseId: purchase.id }))).toBe("SELF_APPROVAL_FORBIDDEN");
    const everyScope = await org.keyCreatedBy(org.finance2, ["purchases:write", "usage:write", "usage:read", "pricing:read", "reports:read"]);
    expect(await outcomeOf(api(db, everyScope).approvals.approve({ purchaseId: purchase.id }))).toBe("FORBIDDEN");
    expect(await outcomeOf(api(db, everyScope).approvals.reject({ purchaseId: purchase.id, comment: "no" }))).toBe("FORBIDDEN");
    expect(await outcomeOf(api(db, everyScope).purchases.markPaid({ purchaseId: purchase.id }))).toBe("FORBIDDEN");
    // The key sees its own purchase; its creator (finance) sees it in the inbox without the right to decide.
    expect((await api(db, key).purchases.get({ purchaseId: purchase.id })).purchase.id).toBe(purchase.id);
    expect((await api(db, org.finance).approvals.inbox()).map((item) => item.canDecide)).toEqual([false]);
    expect(await api(db, org.finance2).approvals.approve({ purchaseId: purchase.id })).toMatchObject({ status: "awaiting_payment" });
  });

  it("members without the finance role are refused, and nothing changes", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const purchase = await requestLarge(org);
    for (const who of [org.admin, org.supportHead, org.member]) {
      expect(await outcomeOf(api(db, who).approvals.approve({ purchaseId: purchase.id }))).toBe("FORBIDDEN");
      expect(await outcomeOf(api(db, who).approvals.reject({ purchaseId: purchase.id, comment: "no" }))).toBe("FORBIDDEN");
    }
    expect(await db.$count(purchaseApprovals, eq(purchaseApprovals.orgId, org.orgId))).toBe(0);
    expect((await api(db, org.admin).purchases.get({ purchaseId: purchase.id })).purchase.status).toBe("pending_approval");
    expect(await auditActions(db, org.orgId, purchase.id)).toEqual(["purchase.requested"]);
  });
});

describe("an approval happens once", () => {
  it("10 finance members approving at once on 10 connections: one approval, one invoice; 10 payments recorded at once: one grant", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const approvers = await financeMembers(org, 10);
    const purchase = await requestLarge(org);
    const before = await getCreditBalance(db, org.orgId);

    const approvals = await Promise.all(
      approvers.map((approver, index) => outcomeOf(api(connections[index]!, approver).approvals.approve({ purchaseId: purchase.id }))),
    );
    expect(approvals.filter((outcome) => outcome === "ok")).toHaveLength(1);
    expect(approvals.filter((outcome) => outcome !== "ok")).toEqual(Array(9).fill("CONFLICT"));
    expect(await db.$count(purchaseApprovals, eq(purchaseApprovals.orgId, org.orgId))).toBe(1);
    expect(await db.$count(invoices, eq(invoices.orgId, org.orgId))).toBe(1);

    const payments = await Promise.all(
      approvers.map((approver, index) => outcomeOf(api(connections[index]!, approver).purchases.markPaid({ purchaseId: purchase.id }))),
    );
    expect(payments.filter((outcome) => outcome === "ok")).toHaveLength(1);
    expect(payments.filter((outcome) => outcome !== "ok")).toEqual(Array(9).fill("CONFLICT"));
    expect(await grantsOf(db, org.orgId, purchase.id)).toHaveLength(1);
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(before.availableMicros + LARGE);
    expect(await auditActions(db, org.orgId, purchase.id)).toEqual(["purchase.requested", "purchase.approved", "purchase.payment_started", "purchase.paid"]);
  });

  it("above the second threshold it needs two different approvers; the same one twice does not count", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const purchase = await requestLarge(org, "huge", org.member, 600_000 * CREDIT);
    expect(purchase).toMatchObject({ requiredApprovals: 2, totalMinor: 600_000 });
    const first = await api(db, org.finance).approvals.approve({ purchaseId: purchase.id });
    expect(first).toMatchObject({ status: "pending_approval", approvalCount: 1 });
    expect(await outcomeOf(api(db, org.finance).approvals.approve({ purchaseId: purchase.id }))).toBe("CONFLICT");
    expect(await api(db, org.finance).approvals.pendingCount()).toBe(0);
    expect(await api(db, org.finance2).approvals.pendingCount()).toBe(1);
    expect(await api(db, org.finance2).approvals.approve({ purchaseId: purchase.id })).toMatchObject({ status: "awaiting_payment", approvalCount: 2 });
    expect(await auditActions(db, org.orgId, purchase.id)).toEqual([
      "purchase.requested",
      "purchase.approval_recorded",
      "purchase.approved",
      "purchase.payment_started",
    ]);
  });

  it("a rejection ends the request, with its comment, and a rejected request cannot be approved", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const purchase = await requestLarge(org);
    expect(await outcomeOf(api(db, org.finance).approvals.reject({ purchaseId: purchase.id, comment: "" }))).toBe("INVALID_INPUT");
    expect(await api(db, org.finance).approvals.reject({ purchaseId: purchase.id, comment: "over budget" })).toMatchObject({ status: "rejected" });
    expect(await outcomeOf(api(db, org.finance2).approvals.approve({ purchaseId: purchase.id }))).toBe("CONFLICT");
    expect(await outcomeOf(api(db, org.member).purchases.cancel({ purchaseId: purchase.id }))).toBe("CONFLICT");
    const detail = await api(db, org.member).purchases.get({ purchaseId: purchase.id });
    expect(detail.audit.at(-1)).toMatchObject({ action: "purchase.rejected", after: { status: "rejected", comment: "over budget" } });
    expect(detail.invoice).toBeNull();
    expect(await grantsOf(db, org.orgId, purchase.id)).toEqual([]);
  });
});

describe("pending requests expire", () => {
  it("after the configured time the job expires them (once), the requester is told, and they can no longer be approved", async () => {
    const org = await createPurchaseOrg(db, { ...SETTINGS, approvalExpiryHours: 24 });
    const purchase = await requestLarge(org);
    const hours = (purchase.expiresAt!.getTime() - purchase.createdAt.getTime()) / 3_600_000;
    expect(hours).toBe(24);
    expect((await expirePurchaseRequests(db)).expired).toBe(0);
    await letRequestLapse(db, org.orgId, purchase.id);
    expect(await outcomeOf(api(db, org.finance).approvals.approve({ purchaseId: purchase.id }))).toBe("CONFLICT");
    const [first, second] = await Promise.all([expirePurchaseRequests(connections[0]!), expirePurchaseRequests(connections[1]!)]);
    expect(first!.expired + second!.expired).toBe(1);
    const detail = await api(db, org.member).purchases.get({ purchaseId: purchase.id });
    expect(detail.purchase.status).toBe("expired");
    expect(detail.audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ["purchase.requested", `member:${org.member.memberId}`],
      ["purchase.expired", "system"],
    ]);
    const told = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.template, "purchase-decision")));
    expect(told.map((message) => [message.recipient, (message.payload as { decision: string }).decision])).toEqual([[org.member.email, "expired"]]);
  });
});

describe("cancelling", () => {
  it("the requester withdraws a pending request; others cannot; finance voids an unpaid invoice, which keeps its number", async () => {
    const org = await createPurchaseOrg(db, SETTINGS);
    const pending = await requestLarge(org);
    expect(await outcomeOf(api(db, org.supportHead).purchases.cancel({ purchaseId: pending.id }))).toBe("NOT_FOUND");
    expect(await api(db, org.member).purchases.cancel({ purchaseId: pending.id, reason: "changed my mind" })).toMatchObject({ status: "cancelled" });
    expect(await outcomeOf(api(db, org.finance).approvals.approve({ purchaseId: pending.id }))).toBe("CONFLICT");

    const { purchase: small } = await api(db, org.member).purchases.create({ idempotencyKey: "small", creditsMicros: 100 * CREDIT });
    expect(await outcomeOf(api(db, org.member).purchases.cancel({ purchaseId: small.id }))).toBe("FORBIDDEN");
    expect(await api(db, org.finance).purchases.cancel({ purchaseId: small.id })).toMatchObject({ status: "cancelled", invoiceNumber: small.invoiceNumber });
    const detail = await api(db, org.finance).purchases.get({ purchaseId: small.id });
    expect(detail.invoice).toMatchObject({ status: "void", number: small.invoiceNumber });
    expect(await outcomeOf(api(db, org.finance2).purchases.markPaid({ purchaseId: small.id }))).toBe("CONFLICT");
    expect(detail.audit.map((entry) => entry.action)).toEqual(["purchase.requested", "purchase.payment_started", "purchase.cancelled"]);
  });
});
