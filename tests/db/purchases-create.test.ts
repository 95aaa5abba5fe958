import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, invoices, purchases } from "../../db/schema";
import { addMonths } from "../../server/purchases/settings";
import { outcomeOf } from "../support/api-errors";
import { useConnections } from "../support/db-connections";
import { useTestDatabase } from "../support/database";
import { api, createPurchaseOrg, CREDIT, grantsOf, verifyLedgerAfterEach } from "../support/purchase-fixtures";

/**
 * Quotes and purchase requests through tRPC: settings, graduated tiers and discounts as the server
 * applies them, idempotent creation (invariant 3), gap-free invoice numbers, who sees which
 * purchase, and the committed-use shortfall.
 */
const db = useTestDatabase();
verifyLedgerAfterEach(db);
const connections = useConnections(10);

const TIERS = [
  { fromMicros: 100_000 * CREDIT, priceMinorPerMillion: 900_000 },
  { fromMicros: 500_000 * CREDIT, priceMinorPerMillion: 800_000 },
];

describe("settings and quotes", () => {
  it("finance sets tiers, discounts and tax; any member and a purchases key quote with them, credits or money in", async () => {
    const org = await createPurchaseOrg(db);
    const defaults = await api(db, org.member).purchases.settings();
    expect(defaults).toMatchObject({ currency: "USD", listPriceMinorPerMillion: 1_000_000, volumeTiers: [], approvalThresholdMinor: null, approvalExpiryHours: 72, taxRateBps: 0 });
    const settings = await api(db, org.finance).purchases.updateSettings({ volumeTiers: TIERS, annualPrepayDiscountBps: 500, taxRateBps: 2_000 });
    expect(settings.priceBands).toEqual([
      { fromMicros: 0, toMicros: 100_000 * CREDIT, priceMinorPerMillion: 1_000_000 },
      { fromMicros: 100_000 * CREDIT, toMicros: 500_000 * CREDIT, priceMinorPerMillion: 900_000 },
      { fromMicros: 500_000 * CREDIT, toMicros: null, priceMinorPerMillion: 800_000 },
    ]);
    const [change] = await db.select().from(auditLog).where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "purchase_settings.changed")));
    expect(change).toMatchObject({ actor: `member:${org.finance.memberId}`, before: { taxRateBps: 0 }, after: { taxRateBps: 2_000 } });

    const quote = await api(db, org.member).purchases.quote({ creditsMicros: 600_000 * CREDIT, annualPrepay: true });
    expect(quote.lines.map((line) => `${line.label}: ${line.amount}`)).toEqual([
      "600,000 credits at the list price of $0.0100: $6,000.00",
      "first 100,000 credits × $0.0100: $1,000.00",
      "next 400,000 credits × $0.0090: $3,600.00",
      "next 100,000 credits × $0.0080: $800.00",
      "Subtotal (graduated volume pricing): $5,400.00",
      "Annual prepay discount 5 %: −$270.00",
      "Net: $5,130.00",
      "Tax 20 %: $1,026.00",
      "Rounding to minor units (half-up, once): $0.00",
      "Total: $6,156.00",
    ]);
    const key = await org.keyWith(["purchases:write"]);
    const forMoney = await api(db, key).purchases.quote({ amountMinor: 6_156_00 });
    expect(forMoney).toMatchObject({ requestedAmountMinor: 6_156_00, annualPrepay: false });
    expect(forMoney.totalMinor).toBeLessThanOrEqual(6_156_00);
    expect(await outcomeOf(api(db, org.member).purchases.quote({}))).toBe("INVALID_INPUT");
    expect(await outcomeOf(api(db, org.member).purchases.quote({ creditsMicros: 1, amountMinor: 1 }))).toBe("INVALID_INPUT");
  });

  it("refuses settings that would break the rules, and changes nothing", async () => {
    const org = await createPurchaseOrg(db);
    const update = api(db, org.admin).purchases.updateSettings;
    expect(await outcomeOf(update({ volumeTiers: [TIERS[1]!, TIERS[0]!] }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(update({ volumeTiers: [{ fromMicros: CREDIT, priceMinorPerMillion: 1_100_000 }] }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(update({ approvalThresholdMinor: 1_000, secondApprovalThresholdMinor: 999 }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(update({ secondApprovalThresholdMinor: 999 }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(update({ autoTopUp: { enabled: true, thresholdMicros: 1, blockMicros: null, monthlyCapMinor: 1 } }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(update({ annualPrepayDiscountBps: 10_000 }))).toBe("INVALID_INPUT");
    expect(await outcomeOf(update({ commitment: { monthlyMinimumMinor: 1, months: 1, discountBps: 1, startMonth: "2026-13" } }))).toBe("INVALID_INPUT");
    expect(await db.$count(auditLog, and(eq(auditLog.orgId, org.orgId), eq(auditLog.targetType, "purchase_settings")))).toBe(0);
  });

  it("annual-prepay credits expire 12 months after they are granted", async () => {
    const org = await createPurchaseOrg(db, { annualPrepayDiscountBps: 1_000 });
    const { purchase, quote } = await api(db, org.member).purchases.create({ idempotencyKey: "annual", creditsMicros: 1_000 * CREDIT, annualPrepay: true });
    expect(quote.totalMinor).toBe(900);
    const paid = await api(db, org.finance).purchases.markPaid({ purchaseId: purchase.id });
    const [grant] = await grantsOf(db, org.orgId, purchase.id);
    const expected = new Date(paid.paidAt!);
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(grant!.expiresAt).toEqual(expected);
  });
});

describe("idempotent creation (invariant 3)", () => {
  it("the same key and payload answer the same purchase; another payload or another caller under the key is IDEMPOTENCY_CONFLICT", async () => {
    const org = await createPurchaseOrg(db);
    const create = api(db, org.member).purchases.create;
    const first = await create({ idempotencyKey: "order-1", creditsMicros: 500 * CREDIT, note: "x" });
    expect(first.replay).toBe(false);
    const again = await create({ note: "x", creditsMicros: 500 * CREDIT, idempotencyKey: "order-1" });
    expect(again).toMatchObject({ replay: true, purchase: { id: first.purchase.id, invoiceNumber: first.purchase.invoiceNumber } });
    expect(await outcomeOf(create({ idempotencyKey: "order-1", creditsMicros: 501 * CREDIT, note: "x" }))).toBe("IDEMPOTENCY_CONFLICT");
    expect(await outcomeOf(create({ idempotencyKey: "order-1", amountMinor: 500, note: "x" }))).toBe("IDEMPOTENCY_CONFLICT");
    expect(await outcomeOf(api(db, org.admin).purchases.create({ idempotencyKey: "order-1", creditsMicros: 500 * CREDIT, note: "x" }))).toBe("IDEMPOTENCY_CONFLICT");
    expect(await db.$count(purchases, eq(purchases.orgId, org.orgId))).toBe(1);
    // Keys are per organisation: another organisation's "order-1" is its own purchase.
    const other = await createPurchaseOrg(db);
    expect((await api(db, other.member).purchases.create({ idempotencyKey: "order-1", creditsMicros: 500 * CREDIT, note: "x" })).replay).toBe(false);
  });

  it("10 concurrent duplicates on 10 connections create one purchase and one invoice", async () => {
    const org = await createPurchaseOrg(db);
    const key = await org.keyCreatedBy(org.member);
    const results = await Promise.all(
      connections.map((connection) => api(connection, key).purchases.create({ idempotencyKey: "same", creditsMicros: 250 * CREDIT })),
    );
    expect(new Set(results.map((result) => result.purchase.id)).size).toBe(1);
    expect(results.filter((result) => !result.replay)).toHaveLength(1);
    expect(await db.$count(purchases, eq(purchases.orgId, org.orgId))).toBe(1);
    expect(await db.$count(invoices, eq(invoices.orgId, org.orgId))).toBe(1);
  });
});

describe("invoice numbers", () => {
  it("are allocated per organisation without gaps, whatever the concurrency", async () => {
    const [one, two] = await Promise.all([createPurchaseOrg(db), createPurchaseOrg(db)]);
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, index) => {
        const org = index % 3 === 0 ? two! : one!;
        return api(connections[index % connections.length]!, org.member).purchases.create({ idempotencyKey: `n-${index}`, creditsMicros: (index + 1) * CREDIT });
      }),
    );
    expect(created.every((result) => result.invoice?.status === "issued")).toBe(true);
    for (const org of [one!, two!]) {
      const rows = await db.select({ number: invoices.number, sequence: invoices.sequence, year: invoices.year }).from(invoices).where(eq(invoices.orgId, org.orgId));
      const sequences = rows.map((row) => row.sequence).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
      for (const row of rows) expect(row.number).toBe(`INV-${row.year}-${String(row.sequence).padStart(6, "0")}`);
    }
    const [{ year }] = (await db.execute(sql`SELECT extract(year FROM now() AT TIME ZONE 'UTC')::int AS year`)) as unknown as [{ year: number }];
    expect(created.map((result) => result.invoice!.number.slice(0, 8))).toEqual(Array(30).fill(`INV-${year}`));
  });
});

describe("who sees which purchase", () => {
  it("admins and finance see all; department heads and members their own; a key the ones it created", async () => {
    const org = await createPurchaseOrg(db);
    const key = await org.keyCreatedBy(org.supportHead);
    const make = async (principal: Parameters<typeof api>[1], idempotencyKey: string) =>
      (await api(db, principal).purchases.create({ idempotencyKey, creditsMicros: CREDIT })).purchase.id;
    const byMember = await make(org.member, "m");
    const byHead = await make(org.supportHead, "h");
    const byKey = await make(key, "k");
    const seen = async (principal: Parameters<typeof api>[1]) => (await api(db, principal).purchases.list()).map((row) => row.id).sort();
    expect(await seen(org.admin)).toEqual([byMember, byHead, byKey].sort());
    expect(await seen(org.finance)).toEqual([byMember, byHead, byKey].sort());
    // A key's purchases are its creator's requests: the department head who created the key sees them too.
    expect(await seen(org.supportHead)).toEqual([byHead, byKey].sort());
    expect(await seen(org.member)).toEqual([byMember]);
    expect(await seen(key)).toEqual([byKey]);
    expect(await outcomeOf(api(db, org.member).purchases.get({ purchaseId: byHead }))).toBe("NOT_FOUND");
    expect(await outcomeOf(api(db, key).purchases.get({ purchaseId: byMember }))).toBe("NOT_FOUND");
    expect((await api(db, org.member).purchases.list({ status: "paid", limit: 10 })).length).toBe(0);
  });
});

describe("committed-use contracts", () => {
  it("discount purchases while active, and show the shortfall month by month", async () => {
    const org = await createPurchaseOrg(db);
    const { currentMonth } = await api(db, org.finance).purchases.settings();
    const startMonth = addMonths(currentMonth, -2);
    await api(db, org.finance).purchases.updateSettings({ commitment: { monthlyMinimumMinor: 100_000, months: 4, discountBps: 1_000, startMonth } });
    const quote = await api(db, org.member).purchases.quote({ creditsMicros: 50_000 * CREDIT });
    expect(quote.commitment).toMatchObject({ discountBps: 1_000, startMonth, endMonth: addMonths(currentMonth, 1) });
    expect(quote.lines.find((line) => line.kind === "commitment_discount")).toMatchObject({ amount: "−$50.00", rateBps: 1_000 });
    expect(quote.totalMinor).toBe(45_000);

    const { purchase } = await api(db, org.member).purchases.create({ idempotencyKey: "c", creditsMicros: 50_000 * CREDIT });
    expect((await api(db, org.finance).purchases.commitmentShortfall()).currentShortfallMinor).toBe(100_000);
    await api(db, org.finance).purchases.markPaid({ purchaseId: purchase.id });
    const shortfall = await api(db, org.admin).purchases.commitmentShortfall();
    expect(shortfall.months.map((month) => [month.month, month.status, month.purchasedMinor, month.shortfallMinor])).toEqual([
      [startMonth, "past", 0, 100_000],
      [addMonths(currentMonth, -1), "past", 0, 100_000],
      [currentMonth, "current", 45_000, 55_000],
      [addMonths(currentMonth, 1), "upcoming", 0, 100_000],
    ]);
    expect(shortfall).toMatchObject({ pastShortfallMinor: 200_000, currentShortfallMinor: 55_000, currency: "USD" });

    // A contract that has ended no longer discounts.
    await api(db, org.finance).purchases.updateSettings({ commitment: { monthlyMinimumMinor: 100_000, months: 1, discountBps: 1_000, startMonth } });
    expect((await api(db, org.member).purchases.quote({ creditsMicros: 50_000 * CREDIT })).commitment).toBeNull();
    await api(db, org.finance).purchases.updateSettings({ commitment: null });
    expect(await api(db, org.finance).purchases.commitmentShortfall()).toMatchObject({ contract: null, months: [] });
  });
});
