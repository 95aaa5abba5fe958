import { divide } from "../lib/decimal";

/**
 * The arithmetic of ROI, exact and stated once:
 * - value = Σ quantity × value per unit, over the outcomes of the group, rounded half-up to a minor
 *   unit once (quantities are in millionths of a unit, so the exact sum is Σ q × v / 10⁶);
 * - cost = credits charged × the month's effective credit price, rounded half-up to a minor unit;
 * - ROI = (value − cost) / cost in basis points, rounded half-up from the rounded amounts; none
 *   when nothing was spent;
 * - cost per outcome = cost / quantity, in minor units, rounded half-up.
 */
export const valueMinorOf = (quantityTimesValueScaled: bigint): bigint => divide(quantityTimesValueScaled, 1_000_000n, "halfUp");

export function roiBps(valueMinor: bigint, costMinor: bigint): number | null {
  if (costMinor <= 0n) return null;
  return Number(divide((valueMinor - costMinor) * 10_000n, costMinor, "halfUp"));
}

export function costPerUnitMinor(costMinor: bigint, quantityMicros: bigint): bigint | null {
  if (quantityMicros <= 0n) return null;
  return divide(costMinor * 1_000_000n, quantityMicros, "halfUp");
}
