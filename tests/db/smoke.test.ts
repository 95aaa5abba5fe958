import { describe, expect, it } from "vitest";
import { getCreditBalance } from "../../server/ledger/balance";
import { verifyLedger } from "../../server/ledger/verify";
import { recordUsage } from "../../server/usage/record-usage";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

const db = useTestDatabase();

describe("smoke", () => {
  it("records a usage event and debits it", async () => {
    const org = await createTestOrg(db, { starterMicros: 1_000_000 });
    const [result] = await recordUsage(db, org.apiKey, [
      { idempotencyKey: "a", model: "test-small", inputTokens: 1000, outputTokens: 500, agent: "support-bot" },
    ]);
    expect(result).toMatchObject({ costMicros: 2000, chargedMicros: 2000, balanceAfterMicros: 998_000, replay: false, priceVersion: 1 });
    const balance = await getCreditBalance(db, org.orgId);
    expect(balance.availableMicros).toBe(998_000);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});
