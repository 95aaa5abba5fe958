import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateBurn, compareBurnOrder, type Allocation, type BurnableGrant } from "../../server/ledger/burn-order";

/** Replay a failure with FC_SEED=<seed>; every run logs the seed it used. */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
console.info(`burn-order properties: fast-check seed ${seed}`);

const grantArbitrary = fc.record({
  id: fc.uuid(),
  balanceMicros: fc.nat({ max: 5_000 }),
  priority: fc.integer({ min: 0, max: 3 }),
  // Few distinct instants, so ties on expiry and age are common and the later rules get exercised.
  expiresAt: fc.option(fc.integer({ min: 0, max: 4 }).map((day) => new Date(Date.UTC(2030, 0, 1 + day)))),
  createdAt: fc.integer({ min: 0, max: 4 }).map((day) => new Date(Date.UTC(2025, 0, 1 + day))),
});
const grantsArbitrary = fc.uniqueArray(grantArbitrary, { selector: (grant) => grant.id, maxLength: 8 });

/** The rule written out plainly: priority, then expiry (never last), then age, then id. */
function modelBurnOrder(grants: BurnableGrant[]): BurnableGrant[] {
  const key = (g: BurnableGrant) => [g.priority, g.expiresAt ? g.expiresAt.getTime() : Infinity, g.createdAt.getTime()];
  return [...grants].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** Greedy burn over the model's order, on copies. */
function modelAllocation(grants: BurnableGrant[], amount: number): Allocation[] | null {
  if (grants.reduce((sum, g) => sum + g.balanceMicros, 0) < amount) return null;
  const allocations: Allocation[] = [];
  let remaining = amount;
  for (const grant of modelBurnOrder(grants)) {
    const take = Math.min(grant.balanceMicros, remaining);
    if (take > 0) allocations.push({ grantId: grant.id, amountMicros: take });
    remaining -= take;
  }
  return allocations;
}

const clone = (grants: BurnableGrant[]) => grants.map((g) => ({ ...g }));

describe("burn order", () => {
  it("sorts like the plainly written rule", () => {
    fc.assert(
      fc.property(grantsArbitrary, (grants) => {
        expect([...grants].sort(compareBurnOrder).map((g) => g.id)).toEqual(modelBurnOrder(grants).map((g) => g.id));
      }),
      { seed, numRuns: 300 },
    );
  });

  it("allocations sum to the amount, follow the order, never exceed a grant, and debit exactly what they say", () => {
    fc.assert(
      fc.property(grantsArbitrary, fc.nat({ max: 40_000 }), (grants, amount) => {
        const ordered = clone(grants).sort(compareBurnOrder);
        const before = clone(ordered);
        const allocations = allocateBurn(ordered, amount);
        expect(allocations).toEqual(modelAllocation(before, amount));
        if (!allocations) {
          // Not enough credits: nothing was touched.
          expect(ordered).toEqual(before);
          return;
        }
        expect(allocations.reduce((sum, a) => sum + a.amountMicros, 0)).toBe(amount);
        const positions = allocations.map((a) => ordered.findIndex((g) => g.id === a.grantId));
        expect(positions).toEqual([...positions].sort((x, y) => x - y));
        for (const [index, grant] of ordered.entries()) {
          const taken = allocations.find((a) => a.grantId === grant.id)?.amountMicros ?? 0;
          expect(taken).toBeGreaterThanOrEqual(0);
          expect(taken).toBeLessThanOrEqual(before[index]!.balanceMicros);
          expect(grant.balanceMicros).toBe(before[index]!.balanceMicros - taken);
          // A grant is touched only once every grant before it is empty.
          if (taken > 0) expect(ordered.slice(0, index).every((earlier) => earlier.balanceMicros === 0)).toBe(true);
        }
      }),
      { seed, numRuns: 500 },
    );
  });

  it("burns the promotion before the starter, the sooner expiry first, and the older first", () => {
    const day = (n: number) => new Date(Date.UTC(2030, 0, n));
    const grants: BurnableGrant[] = [
      { id: "purchase", balanceMicros: 100, priority: 50, expiresAt: null, createdAt: day(1) },
      { id: "starter-late", balanceMicros: 100, priority: 20, expiresAt: day(20), createdAt: day(1) },
      { id: "starter-never-old", balanceMicros: 100, priority: 20, expiresAt: null, createdAt: day(1) },
      { id: "starter-never-new", balanceMicros: 100, priority: 20, expiresAt: null, createdAt: day(2) },
      { id: "promotion", balanceMicros: 100, priority: 10, expiresAt: day(30), createdAt: day(3) },
      { id: "starter-soon", balanceMicros: 100, priority: 20, expiresAt: day(10), createdAt: day(2) },
    ];
    const ordered = grants.sort(compareBurnOrder);
    expect(ordered.map((g) => g.id)).toEqual(["promotion", "starter-soon", "starter-late", "starter-never-old", "starter-never-new", "purchase"]);
    expect(allocateBurn(ordered, 250)).toEqual([
      { grantId: "promotion", amountMicros: 100 },
      { grantId: "starter-soon", amountMicros: 100 },
      { grantId: "starter-late", amountMicros: 50 },
    ]);
  });
});
