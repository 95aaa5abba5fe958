import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { createCaller } from "../../server/api/root";
import type { ApiKeyPrincipal } from "../../server/auth/principal";
import { getCreditBalance } from "../../server/ledger/balance";
import { verifyLedger } from "../../server/ledger/verify";
import { recordUsage } from "../../server/usage/record-usage";
import { useConnections } from "../support/db-connections";
import { countOrgRows } from "../support/db-counts";
import { reportedError } from "../support/db-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

/**
 * Invariant 2: N parallel debits or holds against balance B admit exactly what fits, each on its
 * own PostgreSQL session, and the ledger stays consistent.
 */
const db = useTestDatabase(2);
const PARALLEL = 64;
const connections = useConnections(PARALLEL);

/** test-small bills 1 µcr per input token: each call costs (or holds) COST. */
const COST = 1_000;
const FITS = 23;
/** One micro-credit short of the 24th call. */
const STARTER = FITS * COST + COST - 1;

type Call = (connection: Database, principal: ApiKeyPrincipal, index: number) => Promise<unknown>;

const record: Call = (connection, principal, index) =>
  recordUsage(connection, principal, [{ idempotencyKey: `stampede-record-${index}`, model: "test-small", inputTokens: COST }]);

const authorize: Call = (connection, principal, index) =>
  createCaller({ db: connection, principal }).usage.authorize({ idempotencyKey: `stampede-hold-${index}`, amountMicros: COST });

const recordThroughApi: Call = (connection, principal, index) =>
  createCaller({ db: connection, principal }).usage.record({ idempotencyKey: `stampede-api-${index}`, model: "test-small", inputTokens: COST });

/** Starts every call at once, one per connection, and sorts what came back. */
async function stampede(principal: ApiKeyPrincipal, callFor: (index: number) => Call) {
  const settled = await Promise.allSettled(connections.map((connection, index) => callFor(index)(connection, principal, index)));
  const admitted = settled.flatMap((result, index) => (result.status === "fulfilled" ? [index] : []));
  const refusals = settled.flatMap((result) => (result.status === "rejected" ? [reportedError(result.reason).appCode] : []));
  return { admitted, refusals };
}

describe("a stampede of 64 parallel connections on one organisation", () => {
  it("records exactly the usage events that fit and refuses the rest", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { admitted, refusals } = await stampede(org.apiKey, () => record);

    expect(admitted).toHaveLength(FITS);
    expect(refusals).toEqual(Array(PARALLEL - FITS).fill("INSUFFICIENT_CREDITS"));
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: FITS, reservations: 0, idempotencyKeys: FITS });
    expect(await getCreditBalance(db, org.orgId)).toMatchObject({ postedMicros: COST - 1, heldMicros: 0, availableMicros: COST - 1 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("grants exactly the holds that fit and refuses the rest", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { admitted, refusals } = await stampede(org.apiKey, () => authorize);

    expect(admitted).toHaveLength(FITS);
    expect(refusals).toEqual(Array(PARALLEL - FITS).fill("INSUFFICIENT_CREDITS"));
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 0, reservations: FITS });
    expect(await getCreditBalance(db, org.orgId)).toMatchObject({ postedMicros: STARTER, heldMicros: FITS * COST, availableMicros: COST - 1 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("admits exactly what fits when holds and recorded events race each other", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const { admitted, refusals } = await stampede(org.apiKey, (index) => (index % 2 === 0 ? authorize : recordThroughApi));

    expect(admitted).toHaveLength(FITS);
    expect(refusals).toEqual(Array(PARALLEL - FITS).fill("INSUFFICIENT_CREDITS"));
    const holds = admitted.filter((index) => index % 2 === 0).length;
    const events = FITS - holds;
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: events, reservations: holds });
    expect(await getCreditBalance(db, org.orgId)).toMatchObject({
      postedMicros: STARTER - events * COST,
      heldMicros: holds * COST,
      availableMicros: COST - 1,
    });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});
