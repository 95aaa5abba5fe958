import { beforeAll, describe, expect, it } from "vitest";
import { createCaller, type RouterInputs } from "../../server/api/root";
import { getCreditBalance } from "../../server/ledger/balance";
import type { AppCode, AppErrorDetails } from "../../server/lib/errors";
import { countOrgRows, type OrgRowCounts } from "../support/db-counts";
import { failureOf, type ReportedError } from "../support/db-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/** Invariant 8: bad input gets a typed error with a stable appCode, and changes nothing. */
const db = useTestDatabase();
const STARTER = 10_000_000;
const DAY_MS = 86_400_000;

type EventInput = RouterInputs["usage"]["record"];
interface Expected {
  appCode: AppCode;
  details?: AppErrorDetails;
  /** The input field a validation error must point at. */
  issuePath?: string;
}

const tokens: EventInput = { idempotencyKey: "bad", model: "test-small", inputTokens: 10, outputTokens: 5 };
const withUsage = (usage: Record<string, unknown>): EventInput => ({ idempotencyKey: "bad", model: "test-small", usage });
const inTheFuture = () => new Date(Date.now() + DAY_MS).toISOString();

const badEvents: [string, EventInput, Expected][] = [
  ["negative tokens", { ...tokens, inputTokens: -1 }, { appCode: "INVALID_INPUT", issuePath: "inputTokens" }],
  ["fractional tokens", { ...tokens, outputTokens: 2.5 }, { appCode: "INVALID_INPUT", issuePath: "outputTokens" }],
  ["an unknown model", { ...tokens, model: "no-such-model" }, { appCode: "UNKNOWN_MODEL", details: { index: 0, model: "no-such-model" } }],
  ["an unknown operation", { idempotencyKey: "bad", operation: "teleport" }, { appCode: "UNKNOWN_OPERATION", details: { index: 0, operation: "teleport" } }],
  ["a model and an operation", { ...tokens, operation: "agent_run" }, { appCode: "INVALID_INPUT" }],
  ["neither a model nor an operation", { idempotencyKey: "bad", inputTokens: 10 }, { appCode: "INVALID_INPUT" }],
  ["a usage object plus token fields", { ...withUsage({ prompt_tokens: 10, completion_tokens: 5 }), inputTokens: 10 }, { appCode: "INVALID_INPUT" }],
  ["an operation with tokens", { idempotencyKey: "bad", operation: "agent_run", inputTokens: 10 }, { appCode: "INVALID_INPUT" }],
  ["a model with a quantity", { ...tokens, quantity: 2 }, { appCode: "INVALID_INPUT" }],
  ["a negative quantity", { idempotencyKey: "bad", operation: "agent_run", quantity: -1 }, { appCode: "INVALID_INPUT", issuePath: "quantity" }],
  ["OpenAI usage with a string count", withUsage({ prompt_tokens: "10", completion_tokens: 5 }), { appCode: "INVALID_INPUT" }],
  ["OpenAI usage with a negative count", withUsage({ prompt_tokens: 10, completion_tokens: -5 }), { appCode: "INVALID_INPUT" }],
  [
    "OpenAI usage with cached_tokens above prompt_tokens",
    withUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 11 } }),
    { appCode: "INVALID_INPUT" },
  ],
  [
    "OpenAI Responses usage with cached_tokens above input_tokens",
    withUsage({ input_tokens: 10, output_tokens: 5, input_tokens_details: { cached_tokens: 11 } }),
    { appCode: "INVALID_INPUT" },
  ],
  ["Anthropic usage with a string count", withUsage({ input_tokens: 10, output_tokens: "5" }), { appCode: "INVALID_INPUT" }],
  ["Anthropic usage with a negative cache read", withUsage({ input_tokens: 10, output_tokens: 5, cache_read_input_tokens: -1 }), { appCode: "INVALID_INPUT" }],
  ["an unrecognised usage object", withUsage({ tokens: 15 }), { appCode: "INVALID_INPUT" }],
  ["a timestamp a day in the future", { ...tokens, timestamp: inTheFuture() }, { appCode: "INVALID_INPUT", details: { index: 0 } }],
  ["a timestamp that is not ISO 8601", { ...tokens, timestamp: "yesterday" }, { appCode: "INVALID_INPUT", issuePath: "timestamp" }],
  ["an unknown agent", { ...tokens, agent: "ghost-bot" }, { appCode: "NOT_FOUND", details: { index: 0, agent: "ghost-bot" } }],
  ["an unknown department", { ...tokens, department: "legal" }, { appCode: "NOT_FOUND", details: { index: 0, department: "legal" } }],
  ["an agent of another department", { ...tokens, agent: "support-bot", department: "sales" }, { appCode: "INVALID_INPUT", details: { index: 0 } }],
  ["an idempotency key with a space", { ...tokens, idempotencyKey: "two words" }, { appCode: "INVALID_INPUT", issuePath: "idempotencyKey" }],
];

let org: TestOrg;
let baseline: OrgRowCounts;
const api = () => createCaller({ db, principal: org.apiKey });

beforeAll(async () => {
  org = await createTestOrg(db, { starterMicros: STARTER });
  baseline = await countOrgRows(db, org.orgId);
});

function expectReported(refusal: ReportedError, expected: Expected) {
  expect(refusal.appCode).toBe(expected.appCode);
  if (expected.details) expect(refusal.details).toMatchObject(expected.details);
  if (expected.issuePath) expect(refusal.issues?.map((issue) => issue.path)).toContain(expected.issuePath);
}

/** Nothing was written for the organisation and its balance is untouched. */
async function expectNothingWritten() {
  expect(await countOrgRows(db, org.orgId)).toEqual(baseline);
  expect(await getCreditBalance(db, org.orgId)).toMatchObject({ postedMicros: STARTER, heldMicros: 0 });
}

describe("usage.record refuses", () => {
  it.each(badEvents)("%s", async (_name, input, expected) => {
    expectReported(await failureOf(api().usage.record(input)), expected);
    await expectNothingWritten();
  });
});

describe("usage.recordBatch refuses a whole batch", () => {
  const good = (n: number): EventInput => ({ ...tokens, idempotencyKey: `good-${n}` });

  it("of 1,001 events, while 1,000 are accepted", async () => {
    const events = Array.from({ length: 1_001 }, (_, n) => good(n));
    expectReported(await failureOf(api().usage.recordBatch({ events })), { appCode: "INVALID_INPUT", issuePath: "events" });
    await expectNothingWritten();

    const other = await createTestOrg(db, { starterMicros: STARTER });
    const accepted = await createCaller({ db, principal: other.apiKey }).usage.recordBatch({ events: events.slice(0, 1_000) });
    expect(accepted).toMatchObject({ totalCostMicros: 1_000 * 20, balanceAfterMicros: STARTER - 1_000 * 20 });
    expect(await countOrgRows(db, other.orgId)).toMatchObject({ usageEvents: 1_000, idempotencyKeys: 1_000 });
  });

  it("of no events", async () => {
    expectReported(await failureOf(api().usage.recordBatch({ events: [] })), { appCode: "INVALID_INPUT", issuePath: "events" });
    await expectNothingWritten();
  });

  const inBatch: [string, EventInput, Expected][] = [
    ...badEvents.filter(([name]) => ["an unknown model", "an unknown agent", "a timestamp a day in the future", "OpenAI usage with a negative count"].includes(name)),
    ["more than is available", { ...tokens, inputTokens: STARTER }, { appCode: "INSUFFICIENT_CREDITS" }],
  ];
  const thirdOfFive = inBatch.map(([name, input, expected]): [string, EventInput, Expected] => [name, input, { ...expected, details: { ...expected.details, index: 2 } }]);

  it.each(thirdOfFive)("when event 3 of 5 has %s, naming index 2", async (_name, input, expected) => {
    const events = [good(0), good(1), { ...input, idempotencyKey: "bad" }, good(3), good(4)];
    expectReported(await failureOf(api().usage.recordBatch({ events })), expected);
    await expectNothingWritten();
  });

  it("when event 3 of 5 fails validation, pointing at events.2", async () => {
    const events = [good(0), good(1), { ...tokens, inputTokens: -1 }, good(3), good(4)];
    expectReported(await failureOf(api().usage.recordBatch({ events })), { appCode: "INVALID_INPUT", issuePath: "events.2.inputTokens" });
    await expectNothingWritten();
  });

  it("naming the caller's index when earlier events of the batch are replays", async () => {
    const other = await createTestOrg(db, { starterMicros: STARTER });
    const caller = createCaller({ db, principal: other.apiKey });
    await caller.usage.recordBatch({ events: [good(0), good(1)] });
    const before = await countOrgRows(db, other.orgId);

    const events = [good(0), good(1), good(2), { ...tokens, idempotencyKey: "bad", model: "no-such-model" }, good(4)];
    expectReported(await failureOf(caller.usage.recordBatch({ events })), { appCode: "UNKNOWN_MODEL", details: { index: 3 } });
    expect(await countOrgRows(db, other.orgId)).toEqual(before);
  });
});

describe("holds refuse bad input", () => {
  const refusedHolds: [string, RouterInputs["usage"]["authorize"], Expected][] = [
    ["both an action and an amount", { idempotencyKey: "bad", model: "test-small", inputTokens: 10, amountMicros: 10 }, { appCode: "INVALID_INPUT" }],
    ["neither an action nor an amount", { idempotencyKey: "bad" }, { appCode: "INVALID_INPUT" }],
    ["a zero amount", { idempotencyKey: "bad", amountMicros: 0 }, { appCode: "INVALID_INPUT", issuePath: "amountMicros" }],
    ["an unknown model", { idempotencyKey: "bad", model: "no-such-model", inputTokens: 10 }, { appCode: "UNKNOWN_MODEL" }],
    ["an unknown agent", { idempotencyKey: "bad", amountMicros: 10, agent: "ghost-bot" }, { appCode: "NOT_FOUND" }],
    ["a time-to-live over a day", { idempotencyKey: "bad", amountMicros: 10, ttlSeconds: 86_401 }, { appCode: "INVALID_INPUT", issuePath: "ttlSeconds" }],
    ["a timestamp a day in the future", { idempotencyKey: "bad", model: "test-small", inputTokens: 10, timestamp: inTheFuture() }, { appCode: "INVALID_INPUT" }],
  ];

  it.each(refusedHolds)("with %s", async (_name, input, expected) => {
    expectReported(await failureOf(api().usage.authorize(input)), expected);
    await expectNothingWritten();
  });

  it("when settling with a timestamp a day in the future, leaving the hold as it was", async () => {
    const other = await createTestOrg(db, { starterMicros: STARTER });
    const caller = createCaller({ db, principal: other.apiKey });
    const { reservationId } = await caller.usage.authorize({ idempotencyKey: "held", amountMicros: 1_000 });
    const before = await countOrgRows(db, other.orgId);

    expectReported(await failureOf(caller.usage.settle({ reservationId, ...tokens, timestamp: inTheFuture() })), { appCode: "INVALID_INPUT" });
    expect(await countOrgRows(db, other.orgId)).toEqual(before);
    expect(await getCreditBalance(db, other.orgId)).toMatchObject({ postedMicros: STARTER, heldMicros: 1_000 });
  });

  it("when settling a reservation that does not exist or is not an id", async () => {
    expectReported(await failureOf(api().usage.settle({ reservationId: crypto.randomUUID(), ...tokens })), { appCode: "NOT_FOUND" });
    expectReported(await failureOf(api().usage.settle({ reservationId: "not-an-id", ...tokens })), { appCode: "INVALID_INPUT", issuePath: "reservationId" });
    await expectNothingWritten();
  });
});
