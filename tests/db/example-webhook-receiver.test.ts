import type { Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../db/embedded";
import { createWebhookReceiver } from "../../examples/sibling-app/webhook-receiver";
import { callerFor, spendEvent } from "../support/budget-fixtures";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";
import { dispatchFor, registerEndpoint } from "../support/webhook-fixtures";

/**
 * The sibling-app example (examples/sibling-app/webhook-receiver.ts) receives what Allot really
 * sends: a spend takes the balance below the low-balance level, the dispatcher delivers the signed
 * event, and the example verifies it with the exported helper and reacts.
 */
const db = useTestDatabase();

describe("the example webhook receiver, fed by Allot", () => {
  let server: Server | undefined;
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("verifies a real balance.low delivery and reacts to it", async () => {
    const org = await createTestOrg(db, { starterMicros: 10_000 });
    const port = await freePort();
    const { secret } = await registerEndpoint(db, org.admin, `http://127.0.0.1:${port}/hooks`, ["balance.low"]);
    const reactions: string[] = [];
    server = createWebhookReceiver(secret, (line) => reactions.push(line));
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));

    await callerFor(db, org.admin).org.updateSettings({ lowBalanceThresholdMicros: 5_000 });
    await callerFor(db, org.apiKey).usage.record(spendEvent("dip", 6_000));

    expect(await dispatchFor(db, org.orgId)).toMatchObject({ sent: 1 });
    expect(reactions).toHaveLength(1);
    expect(reactions[0]).toMatch(/^[0-9a-f-]{36} balance\.low: queueing non-urgent runs: the credit balance is low$/);
  });
});
