import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { usageEvents } from "../../db/schema";
import { verifyLedger } from "../../server/ledger/verify";
import { callerFor, spendEvent } from "../support/budget-fixtures";
import { reportedError } from "../support/db-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

/**
 * Usage records go through the organisation's lane (server/usage/usage-lanes.ts): calls made at once
 * through one pool are recorded as one group, in one transaction. A request the database refuses
 * must not take the others of its group with it.
 */
const db = useTestDatabase();

describe("the usage lane", () => {
  it("a record the database refuses fails alone when its group is retried one by one; the others are recorded", async () => {
    const org = await createTestOrg(db);
    const api = callerFor(db, org.apiKey);
    // Warm the lane's configuration, so the six below arrive while nothing else is in flight.
    await api.usage.record(spendEvent("warm", 10));

    // PostgreSQL cannot store a NUL in jsonb: the group's one write fails, and each request is tried alone.
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => api.usage.record({ ...spendEvent(`r-${i}`, 100), metadata: i === 2 ? { note: "a\u0000b" } : { note: "ok" } })),
    );

    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(reportedError((results[2] as PromiseRejectedResult).reason)).toMatchObject({ appCode: "INVALID_INPUT" });
    const keys = await db.select({ key: usageEvents.idempotencyKey }).from(usageEvents).where(eq(usageEvents.orgId, org.orgId));
    expect(keys.map((row) => row.key).sort()).toEqual(["r-0", "r-1", "r-3", "r-4", "r-5", "warm"]);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});
