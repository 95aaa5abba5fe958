import { describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import { verifyLedger } from "../../server/ledger/verify";
import { lastSeenOrgConfig } from "../../server/org-config/org-config";
import { listAgents, updateAgent } from "../../server/orgs/agents";
import { createDraft, publishVersion } from "../../server/pricing/versions";
import { evaluateUnderLock, planOnArrival, type EventPlan } from "../../server/usage/event-plan";
import { recordGroup, type RecordOutcome } from "../../server/usage/record-group";
import { prepareRequest, type RecordRequest } from "../../server/usage/record-request";
import { useTestDatabase } from "../support/database";
import { createTestOrg, TEST_MODELS, type TestOrg } from "../support/fixtures";

/**
 * A batch is priced and attributed on arrival, with the configuration this process last saw and its
 * own clock (server/usage/event-plan.ts); under the wallet lock the plan is kept only where a fresh
 * evaluation could not differ. These change what the plan assumed between planning and the lock.
 */
const db = useTestDatabase();

/** An organisation whose configuration and price book this process has loaded (as after any call). */
async function warmOrg(): Promise<TestOrg> {
  const org = await createTestOrg(db, { pricesFrom: new Date(Date.now() - 2 * 86_400_000) });
  await createCaller({ db, principal: org.apiKey }).usage.record({ idempotencyKey: "warm", model: "test-small", inputTokens: 1 });
  expect(lastSeenOrgConfig(org.orgId)?.priceBook).toBeDefined();
  return org;
}

/** Two test-small calls of 100 input tokens (100 µcr each at the first price version) by the support bot. */
function batch(org: TestOrg, prefix: string, extra: { timestamp?: string } = {}): RecordRequest {
  return prepareRequest(
    org.apiKey,
    ["a", "b"].map((key) => ({ idempotencyKey: `${prefix}-${key}`, model: "test-small", inputTokens: 100, agent: "support-bot", ...extra })),
  );
}

const planned = (request: RecordRequest, plan: EventPlan | undefined): RecordRequest => {
  expect(plan).toBeDefined();
  return { ...request, plan };
};

async function recordAlone(org: TestOrg, request: RecordRequest): Promise<RecordOutcome> {
  return (await recordGroup(db, org.orgId, [request]))[0]!;
}

/** A new published version where test-small costs 3 µcr per input token, in force from `effectiveFrom` (default now). */
async function publishTriplePrices(org: TestOrg, effectiveFrom?: Date): Promise<number> {
  const models = TEST_MODELS.map((model) => (model.model === "test-small" ? { ...model, inputMicrosPerMillionTokens: 3_000_000 } : model));
  const { id } = await createDraft(db, { orgId: org.orgId, actor: "test", models, source: "test" });
  return (await publishVersion(db, { orgId: org.orgId, actor: "test", versionId: id, effectiveFrom, allowPast: effectiveFrom !== undefined })).version;
}

describe("events planned on arrival", () => {
  it("are kept under the lock when its configuration and price version are the plan's, at the lock's time", async () => {
    const org = await warmOrg();
    const request = batch(org, "kept");
    const plan = planOnArrival(request, new Date(Date.now() - 1_000))!;
    const config = lastSeenOrgConfig(org.orgId)!;
    const lockTime = new Date();
    const underLock = evaluateUnderLock({ ...request, plan }, config, config.priceBook!, lockTime);
    for (const [index, event] of underLock) {
      const before = plan.events.get(index)!;
      expect(event.ok && before.ok).toBe(true);
      if (!event.ok || !before.ok) continue;
      // The plan's own evaluation, not a new one; only the time is the lock's.
      expect(event.attribution).toBe(before.attribution);
      expect(event.priced).toBe(before.priced);
      expect(event.occurredAt).toBe(lockTime);
    }
    // A single event is not planned: there is too little to move out of the lock.
    expect(planOnArrival(prepareRequest(org.apiKey, [{ idempotencyKey: "one", model: "test-small", inputTokens: 1 }]))).toBeUndefined();
  });

  it("are priced with a price version published after the plan", async () => {
    const org = await warmOrg();
    const request = batch(org, "repriced");
    const plan = planOnArrival(request);
    const version = await publishTriplePrices(org);

    const outcome = await recordAlone(org, planned(request, plan));
    expect(outcome.ok && outcome.results.map((result) => [result.costMicros, result.priceVersion])).toEqual([
      [300, version],
      [300, version],
    ]);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("are refused when their agent was archived after the plan", async () => {
    const org = await warmOrg();
    const request = batch(org, "archived");
    const plan = planOnArrival(request);
    const bot = (await listAgents(db, org.orgId)).find((agent) => agent.slug === "support-bot")!;
    await updateAgent(db, { orgId: org.orgId, actor: "test", id: bot.id, archived: true });

    const outcome = await recordAlone(org, planned(request, plan));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatchObject({ appCode: "INVALID_INPUT", message: 'Agent "support-bot" is archived', details: { index: 0 } });
  });

  it("are repriced when the lock's clock puts them in a later price version than the plan's clock did", async () => {
    const org = await warmOrg();
    const version = await publishTriplePrices(org, new Date(Date.now() - 30_000));
    // The process sees the new configuration (a call), then plans by a clock from before the version took effect.
    await createCaller({ db, principal: org.apiKey }).usage.record({ idempotencyKey: "rewarm", model: "test-small", inputTokens: 1 });
    const request = batch(org, "later");
    const plan = planOnArrival(request, new Date(Date.now() - 60_000))!;
    expect([...plan.events.values()].map((event) => event.ok && event.priced.priceVersion)).toEqual([version - 1, version - 1]);

    const outcome = await recordAlone(org, planned(request, plan));
    expect(outcome.ok && outcome.results.map((result) => [result.costMicros, result.priceVersion])).toEqual([
      [300, version],
      [300, version],
    ]);
  });

  it("are refused when the lock's clock finds their timestamp too far ahead, though the plan's clock did not", async () => {
    const org = await warmOrg();
    const request = batch(org, "ahead", { timestamp: new Date(Date.now() + 30 * 60_000).toISOString() });
    const plan = planOnArrival(request, new Date(Date.now() + 60 * 60_000))!;
    expect([...plan.events.values()].every((event) => event.ok)).toBe(true);

    const outcome = await recordAlone(org, planned(request, plan));
    expect(!outcome.ok && outcome.error).toMatchObject({ appCode: "INVALID_INPUT", message: "timestamp is in the future", details: { index: 0 } });
  });
});
