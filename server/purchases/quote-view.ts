import { formatCredits, formatMoneyExact } from "../../app/_lib/format";
import { formatScaled, toSafeNumber } from "../lib/decimal";
import { computeQuote, SCALE_DIGITS, type PricingRules, type QuoteAmounts } from "./quote-math";

export type QuoteLineKind = "list" | "tier" | "subtotal" | "commitment_discount" | "annual_discount" | "net" | "tax" | "rounding" | "total";

/**
 * One line of a quote or invoice. `amountExact` is in minor units of the currency, exact (a decimal
 * string such as "1234.5"; negative for discounts); `amount` is the same, formatted ("$12.345").
 * The `list` line is for comparison only; the others, from the tiers down to the rounding, add up
 * to the total.
 */
export interface QuoteLine {
  kind: QuoteLineKind;
  /** "first 100,000 credits × $0.0100", "Committed-use discount 10 %", … */
  label: string;
  quantityMicros: number | null;
  /** For tiers: the band's position [fromMicros, toMicros) in the graduated schedule. */
  fromMicros: number | null;
  toMicros: number | null;
  priceMinorPerMillion: number | null;
  rateBps: number | null;
  amountExact: string;
  amount: string;
}

/** What `purchases.quote` answers (and what a purchase freezes at request time). */
export interface PurchaseQuote {
  currency: string;
  creditsMicros: number;
  annualPrepay: boolean;
  /** When the quote was asked for an amount of money: that amount (the credits are the most it buys). */
  requestedAmountMinor: number | null;
  listPriceMinorPerMillion: number;
  lines: QuoteLine[];
  listExact: string;
  subtotalExact: string;
  netExact: string;
  taxExact: string;
  totalExact: string;
  roundingExact: string;
  /** List amount − net: what the tiers and discounts save. */
  savingsExact: string;
  /** What is due, in minor units: the exact total rounded half-up once. */
  totalMinor: number;
  /** After discounts, before tax, rounded half-up: what counts toward a committed-use minimum. */
  netMinor: number;
  approval: {
    /** 0: goes straight to payment; 1 or 2: that many different finance approvers. */
    approvers: 0 | 1 | 2;
    thresholdMinor: number | null;
    secondThresholdMinor: number | null;
  };
  /** The committed-use contract whose discount applied, if any. */
  commitment: { discountBps: number; startMonth: string; endMonth: string; monthlyMinimumMinor: number } | null;
}

export interface QuoteContext {
  rules: PricingRules;
  approvalThresholdMinor: number | null;
  secondApprovalThresholdMinor: number | null;
  commitment: PurchaseQuote["commitment"];
}

const exact = (value: bigint) => formatScaled(value, SCALE_DIGITS);

function money(value: bigint, currency: string): string {
  const text = formatMoneyExact(value < 0n ? -value : value, SCALE_DIGITS, currency);
  return value < 0n ? `−${text}` : text;
}

/** The price of one credit: 1,000,000 minor units per million credits in USD → "$0.0100". */
export const unitPrice = (priceMinorPerMillion: number, currency: string) => formatMoneyExact(BigInt(priceMinorPerMillion), 6, currency, 4);

/** 1250 → "12.5 %". */
export const percent = (bps: number) => `${formatScaled(bps, 2)} %`;

export function approversFor(totalMinor: number, context: Pick<QuoteContext, "approvalThresholdMinor" | "secondApprovalThresholdMinor">): 0 | 1 | 2 {
  if (context.approvalThresholdMinor === null || totalMinor < context.approvalThresholdMinor) return 0;
  if (context.secondApprovalThresholdMinor !== null && totalMinor >= context.secondApprovalThresholdMinor) return 2;
  return 1;
}

/** The line-by-line breakdown of a quote's exact amounts. */
export function quoteLines(amounts: QuoteAmounts, rules: PricingRules): QuoteLine[] {
  const { currency } = rules;
  const line = (kind: QuoteLineKind, label: string, value: bigint, extra: Partial<QuoteLine> = {}): QuoteLine => ({
    kind,
    label,
    quantityMicros: null,
    fromMicros: null,
    toMicros: null,
    priceMinorPerMillion: null,
    rateBps: null,
    ...extra,
    amountExact: exact(value),
    amount: money(value, currency),
  });
  const lines = [
    line("list", `${formatCredits(amounts.creditsMicros)} credits at the list price of ${unitPrice(rules.listPriceMinorPerMillion, currency)}`, amounts.list, {
      quantityMicros: amounts.creditsMicros,
      priceMinorPerMillion: rules.listPriceMinorPerMillion,
    }),
    ...amounts.segments.map((segment, index) => {
      const which = amounts.segments.length === 1 ? "" : index === 0 ? "first " : "next ";
      return line("tier", `${which}${formatCredits(segment.quantityMicros)} credits × ${unitPrice(segment.priceMinorPerMillion, currency)}`, segment.amount, {
        quantityMicros: segment.quantityMicros,
        fromMicros: segment.fromMicros,
        toMicros: segment.toMicros,
        priceMinorPerMillion: segment.priceMinorPerMillion,
      });
    }),
    line("subtotal", "Subtotal (graduated volume pricing)", amounts.subtotal),
  ];
  if (amounts.commitmentDiscountBps > 0) {
    lines.push(line("commitment_discount", `Committed-use discount ${percent(amounts.commitmentDiscountBps)}`, -amounts.commitmentDiscount, { rateBps: amounts.commitmentDiscountBps }));
  }
  if (amounts.annualDiscountBps > 0) {
    lines.push(line("annual_discount", `Annual prepay discount ${percent(amounts.annualDiscountBps)}`, -amounts.annualDiscount, { rateBps: amounts.annualDiscountBps }));
  }
  lines.push(
    line("net", "Net", amounts.net),
    line("tax", `Tax ${percent(amounts.taxRateBps)}`, amounts.tax, { rateBps: amounts.taxRateBps }),
    line("rounding", "Rounding to minor units (half-up, once)", amounts.rounding),
    line("total", "Total", amounts.totalMinor * 10n ** BigInt(SCALE_DIGITS)),
  );
  return lines;
}

/** The quote for `creditsMicros` micro-credits under `context`. */
export function buildQuote(context: QuoteContext, creditsMicros: number, annualPrepay: boolean, requestedAmountMinor: number | null = null): PurchaseQuote {
  const amounts = computeQuote(context.rules, creditsMicros, annualPrepay);
  const totalMinor = toSafeNumber(amounts.totalMinor, "The total");
  return {
    currency: context.rules.currency,
    creditsMicros,
    annualPrepay,
    requestedAmountMinor,
    listPriceMinorPerMillion: context.rules.listPriceMinorPerMillion,
    lines: quoteLines(amounts, context.rules),
    listExact: exact(amounts.list),
    subtotalExact: exact(amounts.subtotal),
    netExact: exact(amounts.net),
    taxExact: exact(amounts.tax),
    totalExact: exact(amounts.gross),
    roundingExact: exact(amounts.rounding),
    savingsExact: exact(amounts.list - amounts.net),
    totalMinor,
    netMinor: Number(amounts.netMinor),
    approval: {
      approvers: approversFor(totalMinor, context),
      thresholdMinor: context.approvalThresholdMinor,
      secondThresholdMinor: context.secondApprovalThresholdMinor,
    },
    commitment: context.rules.commitmentDiscountBps > 0 ? context.commitment : null,
  };
}
