import { describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import { getCreditBalance } from "../../server/ledger/balance";
import { verifyLedger } from "../../server/ledger/verify";
import type { UsageEventInput } from "../../server/usage/event-input";
import { recordUsage, type RecordedUsage } from "../../server/usage/record-usage";
import { authorizeReservation } from "../../server/usage/reservations";
import { useConnections } from "../support/db-connections";
import { countOrgRows } from "../support/db-counts";
import { failureOf, reportedError } from "../support/db-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

/** Invariant 3: one key, one effect, one answer — per organisation, however often and however concurrently it is sent. */
const db = useTestDatabase();
const TIMES = 20;
const connections = useConnections(TIMES);

const STARTER = 10_000_000;
/** 1,000 input + 500 output tokens of test-small: 1,000 + 1,000 µcr. */
const event = (idempotencyKey: string, overrides: Partial<UsageEventInput> = {}): UsageEventInput => ({
  idempotencyKey,
  model: "test-small",
  inputTokens: 1_000,
  outputTokens: 500,
  agent: "support-bot",
  ...overrides,
});
const EVENT_COST = 2_000;

/** Every answer is the first one; exactly one of them did the work. */
function expectOneEffect<T extends { replay: boolean }>(answers: T[]) {
  expect(answers.filter((answer) => !answer.replay)).toHaveLength(1);
  const [first, ...rest] = answers.map(({ replay: _replay, ...answer }) => answer);
  for (const answer of rest) expect(answer).toEqual(first);
  return first!;
}

describe("usage events are idempotent per organisation", () => {
  it("debits once when the same event is sent 20 times in sequence", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const answers: RecordedUsage[] = [];
    for (let i = 0; i < TIMES; i++) answers.push((await recordUsage(db, org.apiKey, [event("seq-1")]))[0]!);

    expect(answers[0]!.replay).toBe(false);
    expect(expectOneEffect(answers)).toMatchObject({ costMicros: EVENT_COST, chargedMicros: EVENT_COST, balanceAfterMicros: STARTER - EVENT_COST, priceVersion: 1 });
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 1, idempotencyKeys: 1 });
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(STARTER - EVENT_COST);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("debits once when the same event arrives 20 times at once on separate connections", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const answers = await Promise.all(
      connections.map((connection) => createCaller({ db: connection, principal: org.apiKey }).usage.record(event("burst-1"))),
    );

    expect(expectOneEffect(answers)).toMatchObject({ costMicros: EVENT_COST, balanceAfterMicros: STARTER - EVENT_COST, priceVersion: 1 });
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 1, idempotencyKeys: 1 });
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(STARTER - EVENT_COST);
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("refuses the same key with another payload and writes nothing", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const [first] = await recordUsage(db, org.apiKey, [event("conflict-1")]);
    const before = await countOrgRows(db, org.orgId);

    for (const changed of [{ inputTokens: 1_001 }, { agent: "sales-bot" }, { model: "test-large" }]) {
      const refusal = await failureOf(recordUsage(db, org.apiKey, [event("conflict-1", changed)]));
      expect(refusal).toMatchObject({ appCode: "IDEMPOTENCY_CONFLICT", details: { idempotencyKey: "conflict-1" } });
    }
    expect(await countOrgRows(db, org.orgId)).toEqual(before);
    expect((await recordUsage(db, org.apiKey, [event("conflict-1")]))[0]).toEqual({ ...first, replay: true });
  });

  it("lets exactly one payload win when two payloads race for one key", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const settled = await Promise.allSettled(
      connections.map((connection, index) => recordUsage(connection, org.apiKey, [event("race-1", { inputTokens: index % 2 === 0 ? 1_000 : 3_000 })])),
    );

    const answers = settled.flatMap((result) => (result.status === "fulfilled" ? result.value : []));
    const refusals = settled.flatMap((result) => (result.status === "rejected" ? [reportedError(result.reason).appCode] : []));
    expect(answers).toHaveLength(TIMES / 2);
    expect(refusals).toEqual(Array(TIMES / 2).fill("IDEMPOTENCY_CONFLICT"));
    const winner = expectOneEffect(answers);
    expect([2_000, 4_000]).toContain(winner.costMicros);
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 1, idempotencyKeys: 1 });
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(STARTER - winner.costMicros);
  });

  it("scopes keys to the organisation: the same key in two organisations is two events", async () => {
    const [a, b] = await Promise.all([createTestOrg(db, { starterMicros: STARTER }), createTestOrg(db, { starterMicros: STARTER })]);
    const [inA] = await recordUsage(db, a.apiKey, [event("shared-key")]);
    const [inB] = await recordUsage(db, b.apiKey, [event("shared-key", { inputTokens: 3_000 })]);

    expect(inA).toMatchObject({ replay: false, costMicros: EVENT_COST, balanceAfterMicros: STARTER - EVENT_COST });
    expect(inB).toMatchObject({ replay: false, costMicros: 4_000, balanceAfterMicros: STARTER - 4_000 });
    expect(inB!.eventId).not.toBe(inA!.eventId);
    for (const org of [a, b]) expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 1, idempotencyKeys: 1 });
  });
});

describe("batches are idempotent", () => {
  /** 2,000 + 4,000 µcr of tokens, then one agent run at 500,000 µcr. */
  const batch: UsageEventInput[] = [
    event("batch-1"),
    event("batch-2", { inputTokens: 3_000 }),
    { idempotencyKey: "batch-3", operation: "agent_run", agent: "support-bot" },
  ];

  it("answers a retried batch with the first batch's results", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const first = await recordUsage(db, org.apiKey, batch);
    expect(first.map((r) => [r.replay, r.costMicros, r.balanceAfterMicros])).toEqual([
      [false, 2_000, STARTER - 2_000],
      [false, 4_000, STARTER - 6_000],
      [false, 500_000, STARTER - 506_000],
    ]);

    const retried = await recordUsage(db, org.apiKey, batch);
    expect(retried).toEqual(first.map((answer) => ({ ...answer, replay: true })));
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 3, idempotencyKeys: 3 });
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(STARTER - 506_000);
  });

  it("records only the new events of a batch that repeats some recorded ones", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const [first] = await recordUsage(db, org.apiKey, [batch[0]!]);
    const answers = await recordUsage(db, org.apiKey, batch);

    expect(answers[0]).toEqual({ ...first, replay: true });
    expect(answers.map((r) => [r.replay, r.balanceAfterMicros])).toEqual([
      [true, STARTER - 2_000],
      [false, STARTER - 6_000],
      [false, STARTER - 506_000],
    ]);
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 3 });
  });

  it("refuses a batch whose recorded key comes back with another payload, writing none of its new events", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    await recordUsage(db, org.apiKey, [batch[0]!]);
    const before = await countOrgRows(db, org.orgId);

    const refusal = await failureOf(recordUsage(db, org.apiKey, [batch[1]!, { ...batch[0]!, outputTokens: 501 }, batch[2]!]));
    expect(refusal).toMatchObject({ appCode: "IDEMPOTENCY_CONFLICT", details: { index: 1, idempotencyKey: "batch-1" } });
    expect(await countOrgRows(db, org.orgId)).toEqual(before);
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(STARTER - 2_000);
  });

  it("collapses a key repeated inside one batch with the same payload", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const answers = await recordUsage(db, org.apiKey, [event("dup-1"), event("dup-2"), event("dup-1")]);

    expect(answers.map((r) => r.replay)).toEqual([false, false, true]);
    expect(answers[2]).toEqual({ ...answers[0], replay: true });
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ usageEvents: 2, idempotencyKeys: 2 });
    expect((await getCreditBalance(db, org.orgId)).availableMicros).toBe(STARTER - 2 * EVENT_COST);
  });

  it("refuses a batch that repeats a key with another payload, naming the repeat, and writes nothing", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const before = await countOrgRows(db, org.orgId);
    const refusal = await failureOf(
      createCaller({ db, principal: org.apiKey }).usage.recordBatch({ events: [event("dup-1"), event("dup-2"), event("dup-1", { outputTokens: 501 })] }),
    );

    expect(refusal).toMatchObject({ appCode: "IDEMPOTENCY_CONFLICT", details: { index: 2, idempotencyKey: "dup-1" } });
    expect(await countOrgRows(db, org.orgId)).toEqual(before);
  });
});

describe("holds are idempotent", () => {
  const hold = { idempotencyKey: "hold-1", model: "test-small", inputTokens: 4_000, ttlSeconds: 600 };
  const HOLD = 4_000;

  it("holds once when authorize is sent 20 times in sequence and 20 times at once", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const sequential = [];
    for (let i = 0; i < TIMES; i++) sequential.push(await authorizeReservation(db, org.apiKey, hold));
    const burst = await Promise.all(
      connections.map((connection) => authorizeReservation(connection, org.apiKey, { ...hold, idempotencyKey: "hold-2" })),
    );

    expect(expectOneEffect(sequential)).toMatchObject({ heldMicros: HOLD, availableAfterMicros: STARTER - HOLD, priceVersion: 1 });
    expect(expectOneEffect(burst)).toMatchObject({ heldMicros: HOLD, availableAfterMicros: STARTER - 2 * HOLD });
    expect(await countOrgRows(db, org.orgId)).toMatchObject({ reservations: 2, idempotencyKeys: 2, usageEvents: 0 });
    expect(await getCreditBalance(db, org.orgId)).toMatchObject({ heldMicros: 2 * HOLD, availableMicros: STARTER - 2 * HOLD });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("refuses a hold key reused with another payload and writes nothing", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    await authorizeReservation(db, org.apiKey, hold);
    const before = await countOrgRows(db, org.orgId);

    const refusal = await failureOf(createCaller({ db, principal: org.apiKey }).usage.authorize({ ...hold, inputTokens: 4_001 }));
    expect(refusal).toMatchObject({ appCode: "IDEMPOTENCY_CONFLICT", details: { idempotencyKey: "hold-1" } });
    expect(await countOrgRows(db, org.orgId)).toEqual(before);
    expect((await getCreditBalance(db, org.orgId)).heldMicros).toBe(HOLD);
  });

  it("scopes hold keys to the organisation", async () => {
    const [a, b] = await Promise.all([createTestOrg(db, { starterMicros: STARTER }), createTestOrg(db, { starterMicros: STARTER })]);
    const inA = await authorizeReservation(db, a.apiKey, hold);
    const inB = await authorizeReservation(db, b.apiKey, hold);

    expect([inA.replay, inB.replay]).toEqual([false, false]);
    expect(inB.reservationId).not.toBe(inA.reservationId);
    for (const org of [a, b]) expect((await getCreditBalance(db, org.orgId)).heldMicros).toBe(HOLD);
  });
});
