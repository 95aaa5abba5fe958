import type { VolumeTier } from "../../db/schema";
import { divide } from "../lib/decimal";

/**
 * The arithmetic of a purchase, exact: every amount is an integer number of 10⁻²⁴ minor units
 * (BigInt), so nothing is rounded until the total, which is rounded half-up to minor units once.
 *
 * Why 10⁻²⁴ is exact: a tier's amount is micro-credits × price per 10¹² micro-credits (scale 12);
 * each discount and the tax multiply by a rate in basis points (÷ 10⁴), three times at most
 * (12 + 4 + 4 + 4 = 24).
 */
export const SCALE_DIGITS = 24;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
const BPS = 10_000n;
export const MICROS_PER_CREDIT = 1_000_000;

/** What prices a purchase: the organisation's list price and currency, and its purchase settings. */
export interface PricingRules {
  currency: string;
  /** Minor units per 1,000,000 credits (organizations.creditPriceMinorPerMillion). */
  listPriceMinorPerMillion: number;
  /** Graduated tiers, ascending by `fromMicros`. */
  volumeTiers: VolumeTier[];
  /** The active committed-use contract's discount (0 without one). */
  commitmentDiscountBps: number;
  /** Applies only to purchases flagged as annual prepay. */
  annualPrepayDiscountBps: number;
  taxRateBps: number;
}

/** One band of the graduated schedule: credits at positions [fromMicros, toMicros) cost `priceMinorPerMillion`. */
export interface PriceBand {
  fromMicros: number;
  toMicros: number | null;
  priceMinorPerMillion: number;
}

/**
 * The graduated schedule: credits below the first tier at the list price, then each tier. A tier
 * never charges more than the band before it (nor the list price): its price is clamped, so the
 * price of the next credit never rises and the average price never increases, whatever the
 * settings or a later change of the list price.
 */
export function priceBands(rules: Pick<PricingRules, "listPriceMinorPerMillion" | "volumeTiers">): PriceBand[] {
  const bands: PriceBand[] = [];
  let from = 0;
  let price = rules.listPriceMinorPerMillion;
  for (const tier of rules.volumeTiers) {
    if (tier.fromMicros > from) bands.push({ fromMicros: from, toMicros: tier.fromMicros, priceMinorPerMillion: price });
    from = Math.max(from, tier.fromMicros);
    price = Math.min(price, tier.priceMinorPerMillion);
  }
  bands.push({ fromMicros: from, toMicros: null, priceMinorPerMillion: price });
  return bands;
}

export interface TierSegment extends PriceBand {
  quantityMicros: number;
  /** quantity × price, exact, at SCALE. */
  amount: bigint;
}

export interface QuoteAmounts {
  creditsMicros: number;
  /** Every credit at the list price (for comparison). */
  list: bigint;
  segments: TierSegment[];
  /** Σ segments: the graduated price. */
  subtotal: bigint;
  commitmentDiscountBps: number;
  commitmentDiscount: bigint;
  annualDiscountBps: number;
  annualDiscount: bigint;
  /** subtotal − commitment discount − annual discount. */
  net: bigint;
  taxRateBps: number;
  tax: bigint;
  /** net + tax, exact. */
  gross: bigint;
  /** gross rounded half-up to minor units: what is due. */
  totalMinor: bigint;
  /** net rounded half-up: what counts toward a committed-use minimum. */
  netMinor: bigint;
  /** totalMinor − gross, exact (so the lines add up to the total). */
  rounding: bigint;
}

/** micro-credits × (minor units per 10¹² micro-credits), at SCALE. */
const amountOf = (micros: number, priceMinorPerMillion: number) => BigInt(micros) * BigInt(priceMinorPerMillion) * 10n ** 12n;

/**
 * Prices `creditsMicros` micro-credits: graduated tiers → subtotal; then the committed-use discount,
 * then the annual-prepay discount, each a percentage of the running amount; then tax on the
 * result; the total rounded half-up to minor units, once.
 */
export function computeQuote(rules: PricingRules, creditsMicros: number, annualPrepay: boolean): QuoteAmounts {
  const segments: TierSegment[] = [];
  for (const band of priceBands(rules)) {
    if (creditsMicros <= band.fromMicros) break;
    const end = band.toMicros === null ? creditsMicros : Math.min(band.toMicros, creditsMicros);
    const quantityMicros = end - band.fromMicros;
    segments.push({ ...band, quantityMicros, amount: amountOf(quantityMicros, band.priceMinorPerMillion) });
  }
  const subtotal = segments.reduce((sum, segment) => sum + segment.amount, 0n);
  const commitmentDiscountBps = rules.commitmentDiscountBps;
  const commitmentDiscount = (subtotal * BigInt(commitmentDiscountBps)) / BPS;
  const annualDiscountBps = annualPrepay ? rules.annualPrepayDiscountBps : 0;
  const annualDiscount = ((subtotal - commitmentDiscount) * BigInt(annualDiscountBps)) / BPS;
  const net = subtotal - commitmentDiscount - annualDiscount;
  const tax = (net * BigInt(rules.taxRateBps)) / BPS;
  const gross = net + tax;
  const totalMinor = divide(gross, SCALE, "halfUp");
  return {
    creditsMicros,
    list: amountOf(creditsMicros, rules.listPriceMinorPerMillion),
    segments,
    subtotal,
    commitmentDiscountBps,
    commitmentDiscount,
    annualDiscountBps,
    annualDiscount,
    net,
    taxRateBps: rules.taxRateBps,
    tax,
    gross,
    totalMinor,
    netMinor: divide(net, SCALE, "halfUp"),
    rounding: totalMinor * SCALE - gross,
  };
}

/** The most micro-credits anyone may buy at once: amounts stay exact JSON numbers. */
export const MAX_PURCHASE_MICROS = Math.floor(Number.MAX_SAFE_INTEGER / MICROS_PER_CREDIT) * MICROS_PER_CREDIT;

/**
 * The largest whole number of credits whose total does not exceed `amountMinor` (0 when not even
 * one credit fits). The total never decreases as credits are added, so a binary search finds it.
 */
export function creditsForAmount(rules: PricingRules, amountMinor: number, annualPrepay: boolean): number {
  const budget = BigInt(amountMinor);
  const fits = (credits: number) => computeQuote(rules, credits * MICROS_PER_CREDIT, annualPrepay).totalMinor <= budget;
  const maxCredits = MAX_PURCHASE_MICROS / MICROS_PER_CREDIT;
  let low = 0;
  let high = 1;
  while (high < maxCredits && fits(high)) {
    low = high;
    high = Math.min(high * 2, maxCredits);
  }
  if (fits(high)) return high;
  // Invariant: fits(low) (or low = 0), !fits(high).
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}
