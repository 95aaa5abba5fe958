import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../server/auth/principal";
import { createCaller } from "../../server/api/root";
import { createDraft, publishVersion } from "../../server/pricing/versions";
import { outcomeOf } from "../support/api-errors";
import { useTestDatabase } from "../support/database";
import { createTestOrg, TEST_MODELS, type TestOrg } from "../support/fixtures";

const db = useTestDatabase();
const as = (principal: Principal) => createCaller({ db, principal });
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/**
 * Hand-computed fixture. Version 1 (since 100 days ago) is TEST_MODELS: small = 1 µcr per input
 * token, 2 per output, 0.5 per cached, 1.25 per cache write; large = 10 / 30 / input rate / input
 * rate. Version 2 (since 10 days ago) doubles small's input rate to 2 and adds "newcomer".
 *
 *   event  when  model  tokens (in, out, cached, write)  actual          on small        on large
 *   E1     20 d  large  1000, 200, 300, 0   (v1)         19,000          1,550           19,000
 *   E2      5 d  small  1001, 3, 1, 0       (v2)         ⌈2,008.5⌉=2,009 2,009           10,110
 *   E3     15 d  large  7, 1, 0, 3          (v1)         130             ⌈12.75⌉=13      130
 *   total                                                21,139          3,572           29,240
 */
describe("reports.models and reports.whatIf, by hand", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg(db, { pricesFrom: new Date(Date.now() - 100 * DAY) });
    const small2 = { ...TEST_MODELS[0]!, inputMicrosPerMillionTokens: 2_000_000 };
    const newcomer = { ...TEST_MODELS[0]!, model: "newcomer" };
    const { id } = await createDraft(db, { orgId: org.orgId, actor: "system", models: [small2, TEST_MODELS[1]!, newcomer] });
    await publishVersion(db, { orgId: org.orgId, actor: "system", versionId: id, effectiveFrom: new Date(Date.now() - 10 * DAY), allowPast: true });
    const task = { taskType: "support-reply", agent: "support-bot" };
    await as(org.apiKey).usage.recordBatch({
      events: [
        { idempotencyKey: "e1", timestamp: daysAgo(20), model: "test-large", inputTokens: 1000, outputTokens: 200, cachedInputTokens: 300, ...task },
        { idempotencyKey: "e2", timestamp: daysAgo(5), model: "test-small", inputTokens: 1001, outputTokens: 3, cachedInputTokens: 1, ...task },
        { idempotencyKey: "e3", timestamp: daysAgo(15), model: "test-large", inputTokens: 7, outputTokens: 1, cacheWriteTokens: 3, ...task },
        // Outside the 30-day window, of another task type, and of another department: never counted below.
        { idempotencyKey: "old", timestamp: daysAgo(40), model: "test-large", inputTokens: 5000, ...task },
        { idempotencyKey: "other-task", timestamp: daysAgo(3), model: "test-large", inputTokens: 5000, taskType: "classification", agent: "support-bot" },
        { idempotencyKey: "sales", timestamp: daysAgo(3), model: "test-small", inputTokens: 5000, taskType: "support-reply", agent: "sales-bot" },
      ],
    });
  });

  const supportOnly = () => org.supportHead;

  it("re-prices 80 % small / 20 % large exactly: (80 × 3,572 + 20 × 29,240) / 100 = 8,705.6 → 8,706 µcr", async () => {
    const result = await as(supportOnly()).reports.whatIf({
      days: 30,
      taskType: "support-reply",
      routing: [
        { model: "test-small", percent: 80 },
        { model: "test-large", percent: 20 },
      ],
    });
    expect(result).toMatchObject({
      tasks: 3,
      actualCostMicros: 21_139,
      actualPerTaskMicros: 7_046, // 7,046.33 half-up
      whatIfCostMicros: 8_706,
      whatIfPerTaskMicros: 2_902, // 2,902.0 half-up
      differenceMicros: -12_433,
      differenceBps: -5_882, // −5,881.55 half-up
    });
    expect(result.routes).toEqual([
      { model: "test-small", percent: 80, allOnModelMicros: 3_572, routedExactMicros: "2857.6" },
      { model: "test-large", percent: 20, allOnModelMicros: 29_240, routedExactMicros: "5848" },
    ]);
    expect(result.actualByModel).toEqual([
      { model: "test-large", tasks: 2, costMicros: 19_130 },
      { model: "test-small", tasks: 1, costMicros: 2_009 },
    ]);
  });

  it("rounds half-up once at the end: 33 / 67 gives 20,769.56 → 20,770", async () => {
    const result = await as(supportOnly()).reports.whatIf({
      days: 30,
      taskType: "support-reply",
      routing: [
        { model: "test-small", percent: 33 },
        { model: "test-large", percent: 67 },
      ],
    });
    expect(result.whatIfCostMicros).toBe(20_770);
  });

  it("an administrator's what-if counts the sales department's task too (5,000 input tokens at v2's small rate: 10,000 µcr)", async () => {
    const result = await as(org.admin).reports.whatIf({ days: 30, taskType: "support-reply", routing: [{ model: "test-small", percent: 100 }] });
    expect(result).toMatchObject({ tasks: 4, actualCostMicros: 31_139, whatIfCostMicros: 13_572 });
  });

  it("refuses a model without a price in a version that priced some tasks, and routings that do not add up", async () => {
    const input = { days: 30, taskType: "support-reply" };
    const newcomer = as(org.admin).reports.whatIf({ ...input, routing: [{ model: "newcomer", percent: 100 }] });
    await expect(newcomer).rejects.toMatchObject({ cause: { appCode: "UNKNOWN_MODEL", details: { model: "newcomer", priceVersion: 1 } } });
    expect(await outcomeOf(as(org.admin).reports.whatIf({ ...input, routing: [{ model: "test-small", percent: 90 }] }))).toBe("INVALID_INPUT");
    const twice = [
      { model: "test-small", percent: 50 },
      { model: "test-small", percent: 50 },
    ];
    expect(await outcomeOf(as(org.admin).reports.whatIf({ ...input, routing: twice }))).toBe("INVALID_INPUT");
  });

  it("compares models per task type: mean, median, p90 and shares", async () => {
    const { taskTypes } = await as(supportOnly()).reports.models({ days: 30 });
    const reply = taskTypes.find((t) => t.taskType === "support-reply")!;
    expect(reply).toMatchObject({ tasks: 3, costMicros: 21_139 });
    expect(reply.models).toEqual([
      // Shares: 2 of 3 tasks = 6,667 bps; 19,130 / 21,139 of credits = 9,049.6 → 9,050 bps.
      { model: "test-large", tasks: 2, costMicros: 19_130, meanMicros: 9_565, medianMicros: 130, p90Micros: 19_000, taskShareBps: 6_667, creditShareBps: 9_050 },
      { model: "test-small", tasks: 1, costMicros: 2_009, meanMicros: 2_009, medianMicros: 2_009, p90Micros: 2_009, taskShareBps: 3_333, creditShareBps: 950 },
    ]);
    expect(taskTypes.map((t) => t.taskType).sort()).toEqual(["classification", "support-reply"]);
  });

  it("a member sees no model comparison; another organisation sees none of these events", async () => {
    expect(await outcomeOf(as(org.member).reports.models({}))).toBe("FORBIDDEN");
    const other = await createTestOrg(db);
    expect((await as(other.admin).reports.models({ days: 366 })).taskTypes).toEqual([]);
    const result = await as(other.admin).reports.whatIf({ days: 366, taskType: "support-reply", routing: [{ model: "test-small", percent: 100 }] });
    expect(result).toMatchObject({ tasks: 0, actualCostMicros: 0, whatIfCostMicros: 0 });
  });
});
