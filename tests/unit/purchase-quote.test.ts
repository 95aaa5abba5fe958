import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeQuote, creditsForAmount, MAX_PURCHASE_MICROS, MICROS_PER_CREDIT, priceBands, SCALE_DIGITS, type PricingRules } from "../../server/purchases/quote-math";
import { buildQuote, type QuoteContext } from "../../server/purchases/quote-view";
import { quoteFor } from "../../server/purchases/quote";
import { toScaledInteger } from "../../server/lib/decimal";
import { isAppError } from "../../server/lib/errors";

/** Replay a failure with FC_SEED=<seed>; every run logs the seed it used. */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
console.info(`purchase quote properties: fast-check seed ${seed}`);

const credits = (n: number) => n * MICROS_PER_CREDIT;

/** $0.0100 a credit up to 100,000 credits, $0.0090 up to 500,000, $0.0080 beyond. */
const TIERED: PricingRules = {
  currency: "USD",
  listPriceMinorPerMillion: 1_000_000,
  volumeTiers: [
    { fromMicros: credits(100_000), priceMinorPerMillion: 900_000 },
    { fromMicros: credits(500_000), priceMinorPerMillion: 800_000 },
  ],
  commitmentDiscountBps: 0,
  annualPrepayDiscountBps: 0,
  taxRateBps: 0,
};

const context = (rules: PricingRules, thresholds: Partial<QuoteContext> = {}): QuoteContext => ({
  rules,
  approvalThresholdMinor: null,
  secondApprovalThresholdMinor: null,
  commitment: rules.commitmentDiscountBps > 0 ? { discountBps: rules.commitmentDiscountBps, startMonth: "2026-01", endMonth: "2026-12", monthlyMinimumMinor: 100_000 } : null,
  ...thresholds,
});

const total = (rules: PricingRules, micros: number, annual = false) => computeQuote(rules, micros, annual).totalMinor;

describe("graduated volume tiers", () => {
  it("prices each credit by the band its position falls in, and shows the arithmetic line by line", () => {
    const quote = buildQuote(context(TIERED), credits(600_000), false);
    expect(quote.lines.filter((line) => line.kind === "tier").map((line) => `${line.label} = ${line.amount}`)).toEqual([
      "first 100,000 credits × $0.0100 = $1,000.00",
      "next 400,000 credits × $0.0090 = $3,600.00",
      "next 100,000 credits × $0.0080 = $800.00",
    ]);
    expect(quote.lines[0]).toMatchObject({ kind: "list", label: "600,000 credits at the list price of $0.0100", amount: "$6,000.00" });
    expect(quote.totalMinor).toBe(540_000);
    expect(quote.savingsExact).toBe("60000");
  });

  // Expected subtotals in tenths of a cent ($0.0100 = 10, $0.0090 = 9, $0.0080 = 8), exact integers.
  it.each([
    ["one below the first boundary", 99_999, 99_999n * 10n],
    ["exactly at the first boundary", 100_000, 100_000n * 10n],
    ["one above the first boundary", 100_001, 100_000n * 10n + 9n],
    ["one below the second boundary", 499_999, 100_000n * 10n + 399_999n * 9n],
    ["exactly at the second boundary", 500_000, 100_000n * 10n + 400_000n * 9n],
    ["one above the second boundary", 500_001, 100_000n * 10n + 400_000n * 9n + 8n],
  ])("%s (%i credits)", (_name, count, tenthsOfCent) => {
    const amounts = computeQuote(TIERED, credits(count), false);
    expect(amounts.subtotal).toBe(tenthsOfCent * 10n ** BigInt(SCALE_DIGITS - 1));
    expect(amounts.totalMinor).toBe((tenthsOfCent + 5n) / 10n);
    expect(amounts.segments.map((segment) => segment.quantityMicros).reduce((a, b) => a + b, 0)).toBe(credits(count));
  });

  it("one micro-credit above a boundary is priced at the next band", () => {
    const at = computeQuote(TIERED, credits(100_000), false);
    const above = computeQuote(TIERED, credits(100_000) + 1, false);
    expect(above.segments.at(-1)).toMatchObject({ quantityMicros: 1, priceMinorPerMillion: 900_000 });
    // 1 µcr × 900,000 minor per 10¹² µcr = 0.0000009 cent, exactly.
    expect(above.subtotal - at.subtotal).toBe(900_000n * 10n ** 12n);
  });

  it("no tiers: every credit at the list price; a tier above the list price or the tier before is clamped", () => {
    expect(priceBands({ listPriceMinorPerMillion: 1_000_000, volumeTiers: [] })).toEqual([{ fromMicros: 0, toMicros: null, priceMinorPerMillion: 1_000_000 }]);
    const bands = priceBands({
      listPriceMinorPerMillion: 1_000_000,
      volumeTiers: [
        { fromMicros: 10, priceMinorPerMillion: 1_200_000 },
        { fromMicros: 20, priceMinorPerMillion: 700_000 },
        { fromMicros: 30, priceMinorPerMillion: 900_000 },
      ],
    });
    expect(bands.map((band) => band.priceMinorPerMillion)).toEqual([1_000_000, 1_000_000, 700_000, 700_000]);
  });
});

describe("discounts, tax and rounding", () => {
  const rules: PricingRules = { ...TIERED, commitmentDiscountBps: 1_000, annualPrepayDiscountBps: 500, taxRateBps: 2_000 };

  it("stack in a fixed order on the tiered subtotal: commitment, then annual prepay, then tax", () => {
    const quote = buildQuote(context(rules), credits(600_000), true);
    expect(quote.lines.map((line) => [line.kind, line.amount])).toEqual([
      ["list", "$6,000.00"],
      ["tier", "$1,000.00"],
      ["tier", "$3,600.00"],
      ["tier", "$800.00"],
      ["subtotal", "$5,400.00"],
      ["commitment_discount", "−$540.00"],
      ["annual_discount", "−$243.00"],
      ["net", "$4,617.00"],
      ["tax", "$923.40"],
      ["rounding", "$0.00"],
      ["total", "$5,540.40"],
    ]);
    expect(quote.totalMinor).toBe(554_040);
    expect(quote.netMinor).toBe(461_700);
    // Without the annual prepay flag the annual discount does not apply.
    expect(buildQuote(context(rules), credits(600_000), false).lines.map((line) => line.kind)).not.toContain("annual_discount");
  });

  it("is multiplicative, not additive: 10 % then 5 % is 14.5 % off", () => {
    const amounts = computeQuote({ ...rules, taxRateBps: 0 }, credits(1_000), true);
    expect(amounts.net * 1000n).toBe(amounts.subtotal * 855n);
  });

  it("keeps every intermediate exact and rounds half-up once, at the end", () => {
    // 1 credit at $0.0100, 33.33 % off, then 20 % tax: exactly 0.80004 cent, rounded once to 1 cent.
    const odd: PricingRules = { ...TIERED, volumeTiers: [], commitmentDiscountBps: 3_333, taxRateBps: 2_000 };
    const amounts = computeQuote(odd, credits(1), false);
    expect(amounts.gross).toBe(800_040_000_000_000_000_000_000n);
    expect(amounts.totalMinor).toBe(1n);
    const lines = buildQuote(context(odd), credits(1), false).lines;
    expect(lines.find((line) => line.kind === "rounding")?.amountExact).toBe("0.19996");
    const half: PricingRules = { ...TIERED, volumeTiers: [], listPriceMinorPerMillion: 500_000 };
    expect(total(half, credits(1))).toBe(1n); // exactly 0.5 cent rounds up
    expect(total(half, credits(1) - 1)).toBe(0n); // 0.4999995 cent rounds down
  });

  it("the lines from the tiers to the rounding add up exactly to the total", () => {
    const quote = buildQuote(context(rules), credits(123_457) + 89, true);
    const sum = quote.lines
      .filter((line) => ["tier", "commitment_discount", "annual_discount", "tax", "rounding"].includes(line.kind))
      .reduce((acc, line) => acc + toScaledInteger(line.amountExact, SCALE_DIGITS, "amountExact"), 0n);
    expect(sum).toBe(BigInt(quote.totalMinor) * 10n ** BigInt(SCALE_DIGITS));
    expect(toScaledInteger(quote.totalExact, SCALE_DIGITS, "totalExact") + toScaledInteger(quote.roundingExact, SCALE_DIGITS, "roundingExact")).toBe(sum);
  });

  it("says how many finance approvers a total needs", () => {
    const thresholds = { approvalThresholdMinor: 100_000, secondApprovalThresholdMinor: 500_000 };
    expect(buildQuote(context(TIERED, thresholds), credits(99_999), false).approval.approvers).toBe(0);
    expect(buildQuote(context(TIERED, thresholds), credits(100_000), false).approval.approvers).toBe(1);
    expect(buildQuote(context(TIERED, thresholds), credits(1_000_000), false).approval.approvers).toBe(2);
    expect(buildQuote(context(TIERED), credits(1_000_000), false).approval.approvers).toBe(0);
  });
});

describe("money in", () => {
  it("buys the largest whole number of credits whose total does not exceed it", () => {
    expect(creditsForAmount(TIERED, 100_000, false)).toBe(100_000);
    // 99 more credits at $0.009 cost $0.891, which rounds to $0.89; 100 would cost $0.90.
    expect(creditsForAmount(TIERED, 100_000 + 89, false)).toBe(100_099);
    const taxed: PricingRules = { ...TIERED, taxRateBps: 2_000 };
    const bought = creditsForAmount(taxed, 1_000_000, false);
    expect(total(taxed, credits(bought))).toBeLessThanOrEqual(1_000_000n);
    expect(total(taxed, credits(bought + 1))).toBeGreaterThan(1_000_000n);
  });

  it("quotes for money name the amount asked and refuse an amount that buys no whole credit", () => {
    const quote = quoteFor(context(TIERED), { amountMinor: 4_600, annualPrepay: false });
    expect(quote).toMatchObject({ creditsMicros: credits(4_600), requestedAmountMinor: 4_600, totalMinor: 4_600 });
    const twoCents = context({ ...TIERED, listPriceMinorPerMillion: 2_000_000, volumeTiers: [] });
    let refused: unknown;
    try {
      quoteFor(twoCents, { amountMinor: 1, annualPrepay: false });
    } catch (error) {
      refused = error;
    }
    expect(isAppError(refused) && refused.appCode).toBe("INVALID_INPUT");
    expect((refused as Error).message).toBe("This amount does not buy a whole credit (the list price is $0.0200 a credit)");
  });
});

/**
 * The guarantee, for any settings: for quantities a < b, (1) the total never decreases:
 * total(a) ≤ total(b); (2) the average price per credit never increases: exact(a) / a ≥ exact(b) / b
 * (exact = the amount before rounding to minor units; the rounded total of a tiny purchase can be 0).
 */
describe("monotonicity (property)", () => {
  const tiers = fc
    .uniqueArray(fc.integer({ min: 1, max: 2_000_000_000_000 }), { maxLength: 5 })
    .chain((starts) =>
      fc.tuple(fc.constant([...starts].sort((a, b) => a - b)), fc.array(fc.integer({ min: 1, max: 3_000_000 }), { minLength: starts.length, maxLength: starts.length })),
    )
    .map(([starts, prices]) => starts.map((fromMicros, index) => ({ fromMicros, priceMinorPerMillion: prices[index]! })));
  const rulesArbitrary = fc.record({
    currency: fc.constantFrom("USD", "EUR", "JPY"),
    listPriceMinorPerMillion: fc.integer({ min: 1, max: 3_000_000 }),
    volumeTiers: tiers,
    commitmentDiscountBps: fc.integer({ min: 0, max: 9_999 }),
    annualPrepayDiscountBps: fc.integer({ min: 0, max: 9_999 }),
    taxRateBps: fc.integer({ min: 0, max: 10_000 }),
  });
  const quantity = fc.integer({ min: 1, max: 3_000_000_000_000 });

  it("total(a) ≤ total(b) and average(a) ≥ average(b) for every a < b", () => {
    fc.assert(
      fc.property(rulesArbitrary, quantity, quantity, fc.boolean(), (rules, x, y, annual) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const qa = computeQuote(rules, a, annual);
        const qb = computeQuote(rules, b, annual);
        expect(qa.totalMinor <= qb.totalMinor).toBe(true);
        expect(qa.gross * BigInt(b) >= qb.gross * BigInt(a)).toBe(true);
      }),
      { seed, numRuns: 2_000 },
    );
  });

  it("money in: the credits bought cost at most the amount, and one more credit costs more", () => {
    fc.assert(
      fc.property(rulesArbitrary, fc.integer({ min: 1, max: 100_000_000 }), fc.boolean(), (rules, amountMinor, annual) => {
        const bought = creditsForAmount(rules, amountMinor, annual);
        if (bought > 0) expect(computeQuote(rules, credits(bought), annual).totalMinor <= BigInt(amountMinor)).toBe(true);
        // (Unless it is the most anyone may buy at once.)
        if (credits(bought) < MAX_PURCHASE_MICROS) expect(computeQuote(rules, credits(bought + 1), annual).totalMinor > BigInt(amountMinor)).toBe(true);
      }),
      { seed, numRuns: 300 },
    );
  });
});
