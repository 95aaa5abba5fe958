/**
 * Which grants pay for a debit. Grants burn by priority (lower first), then soonest expiry (grants
 * that never expire last), then oldest. Pure functions, so the rule is property-tested on its own.
 */
export interface BurnableGrant {
  id: string;
  balanceMicros: number;
  priority: number;
  expiresAt: Date | null;
  createdAt: Date;
}

export function compareBurnOrder(a: BurnableGrant, b: BurnableGrant): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const aExpiry = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bExpiry = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (aExpiry !== bExpiry) return aExpiry < bExpiry ? -1 : 1;
  if (a.createdAt.getTime() !== b.createdAt.getTime()) return a.createdAt.getTime() - b.createdAt.getTime();
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface Allocation {
  grantId: string;
  amountMicros: number;
}

/**
 * Takes `amountMicros` from `grants` (already in burn order), mutating their balances.
 * Returns the allocations, or null (and leaves the grants untouched) when they do not hold enough.
 */
export function allocateBurn(grants: BurnableGrant[], amountMicros: number): Allocation[] | null {
  const total = grants.reduce((sum, grant) => sum + grant.balanceMicros, 0);
  if (total < amountMicros) return null;
  const allocations: Allocation[] = [];
  let remaining = amountMicros;
  for (const grant of grants) {
    if (remaining === 0) break;
    const take = Math.min(grant.balanceMicros, remaining);
    if (take === 0) continue;
    grant.balanceMicros -= take;
    remaining -= take;
    allocations.push({ grantId: grant.id, amountMicros: take });
  }
  return allocations;
}
