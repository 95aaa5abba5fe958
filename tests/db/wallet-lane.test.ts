import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reservations, usageEvents } from "../../db/schema";
import { getCreditBalance } from "../../server/ledger/balance";
import { verifyLedger } from "../../server/ledger/verify";
import { orgWithBudget, singlePeriodTotals, supportBudget } from "../support/budget-fixtures";
import { reportedError } from "../support/db-errors";
import { useTestDatabase } from "../support/database";

/**
 * Holds go through the wallet lane (server/usage/wallet-lane.ts): concurrent authorize, settle and
 * release calls of one organisation through one pool are handled as one group, in one transaction
 * (server/usage/hold-group.ts). Sharing must change nothing a caller can see: budgets and the
 * balance admit exactly what fits, a failing call fails alone, a hold is resolved once.
 */
const db = useTestDatabase();
const HOLD = 3_000_000;

/** Calls made at once through the same pool — the lane's case (separate pools race in PostgreSQL instead). */
const atOnce = <T>(count: number, call: (i: number) => Promise<T>) => Promise.allSettled(Array.from({ length: count }, (_, i) => call(i)));
const codesOf = (results: PromiseSettledResult<unknown>[]) =>
  results.filter((result) => result.status === "rejected").map((result) => reportedError((result as PromiseRejectedResult).reason).appCode);

describe("the wallet lane", () => {
  it("40 holds at once share transactions, and a pause budget admits exactly the 10 that fit", async () => {
    const { org, budget, api } = await orgWithBudget(db, supportBudget("pause", 10 * HOLD));
    const results = await atOnce(40, (i) => api.usage.authorize({ idempotencyKey: `h-${i}`, amountMicros: HOLD, agent: "support-bot" }));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(10);
    expect(codesOf(results)).toEqual(Array(30).fill("BUDGET_EXHAUSTED"));
    expect(await singlePeriodTotals(db, org.orgId, budget.id)).toEqual({ spentMicros: 0, heldMicros: 10 * HOLD });
    expect((await getCreditBalance(db, org.orgId)).heldMicros).toBe(10 * HOLD);
    // now() is the start of the top-level transaction: holds written in one shared transaction share it.
    const [{ transactions }] = (await db.execute(
      sql`SELECT count(DISTINCT ${reservations.createdAt})::int AS transactions FROM ${reservations} WHERE ${reservations.orgId} = ${org.orgId}`,
    )) as unknown as [{ transactions: number }];
    expect(transactions).toBeLessThan(10);
  });

  it("a call that fails in a shared transaction fails alone; the others settle", async () => {
    const { org, api } = await orgWithBudget(db, supportBudget("alert", 1_000 * HOLD));
    const holds = await Promise.all(Array.from({ length: 5 }, (_, i) => api.usage.authorize({ idempotencyKey: `s-${i}`, amountMicros: HOLD, agent: "support-bot" })));
    const before = await getCreditBalance(db, org.orgId);

    const results = await atOnce(6, (i) =>
      api.usage.settle({ reservationId: i < 5 ? holds[i]!.reservationId : randomUUID(), model: "test-small", inputTokens: 1_000_000 }),
    );

    expect(results.slice(0, 5).map((result) => result.status)).toEqual(Array(5).fill("fulfilled"));
    expect(codesOf(results)).toEqual(["NOT_FOUND"]);
    expect(await getCreditBalance(db, org.orgId)).toMatchObject({ heldMicros: 0, postedMicros: before.postedMicros - 5 * 1_000_000 });
    const settled = await db.$count(usageEvents, and(eq(usageEvents.orgId, org.orgId), sql`${usageEvents.reservationId} IS NOT NULL`));
    expect(settled).toBe(5);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("a settle and a release of the same hold at once: exactly one of them resolves it", async () => {
    const { org, api } = await orgWithBudget(db, supportBudget("alert", 1_000 * HOLD));
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const hold = await api.usage.authorize({ idempotencyKey: `r-${round}`, amountMicros: HOLD, agent: "support-bot" });
      const [settle, release] = await Promise.allSettled([
        api.usage.settle({ reservationId: hold.reservationId, model: "test-small", inputTokens: 1_000_000 }),
        api.usage.release({ reservationId: hold.reservationId }),
      ]);
      const [row] = await db.select().from(reservations).where(and(eq(reservations.orgId, org.orgId), eq(reservations.id, hold.reservationId)));
      // The first in the lane wins; the other is told the hold is no longer active (or, for a release, that it was settled).
      if (row!.status === "settled") {
        expect(settle.status).toBe("fulfilled");
        expect(codesOf([release])).toEqual(["RESERVATION_NOT_ACTIVE"]);
      } else {
        expect(row!.status).toBe("released");
        expect(release.status).toBe("fulfilled");
        expect(codesOf([settle])).toEqual(["RESERVATION_NOT_ACTIVE"]);
      }
      outcomes.push(row!.status);
    }
    const events = await db.$count(usageEvents, eq(usageEvents.orgId, org.orgId));
    expect(events).toBe(outcomes.filter((status) => status === "settled").length);
    expect((await getCreditBalance(db, org.orgId)).heldMicros).toBe(0);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});
