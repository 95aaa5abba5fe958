import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { modelPrices, operationPrices, priceVersions, usageEvents } from "../../db/schema";
import { createApiKey, authenticateApiKey } from "../../server/api-keys/api-keys";
import { createCaller } from "../../server/api/root";
import { dbNow } from "../../server/lib/db-clock";
import { createOrganization } from "../../server/orgs/organizations";
import { createDraft, getVersion, publishVersion, type ModelPriceInput } from "../../server/pricing/versions";
import { recordUsage } from "../../server/usage/record-usage";
import { countOrgRows } from "../support/db-counts";
import { failureOf } from "../support/db-errors";
import { refusalOf } from "../support/db-statements";
import { useTestDatabase } from "../support/database";
import { createTestOrg, TEST_MODELS, uniqueSlug, type TestOrg } from "../support/fixtures";

/** A price book is versioned: an event is priced by the version in force at its timestamp; a published version never changes. */
const db = useTestDatabase();

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Version 2 triples test-small's input rate: 1,000 input tokens cost 1,000 µcr under version 1, 3,000 under version 2. */
const V2_MODELS: ModelPriceInput[] = TEST_MODELS.map((model) =>
  model.model === "test-small" ? { ...model, inputMicrosPerMillionTokens: 3_000_000 } : model,
);
const TOKENS = { model: "test-small", inputTokens: 1_000 };

/** An organisation whose history starts with version 1 two days ago and version 2 now, with an API key. */
async function orgWithPriceHistory() {
  const { id: orgId } = await createOrganization(db, { slug: uniqueSlug("pv"), name: "Price history", starterMicros: 1_000_000_000 });
  const now = await dbNow(db);
  const publish = async (models: ModelPriceInput[], options: { effectiveFrom?: Date; allowPast?: boolean } = {}) => {
    const { id } = await createDraft(db, { orgId, actor: "test", models, source: "test" });
    return { id, ...(await publishVersion(db, { orgId, actor: "test", versionId: id, ...options })) };
  };
  const v1 = await publish(TEST_MODELS, { effectiveFrom: new Date(now.getTime() - 2 * DAY_MS), allowPast: true });
  const v2 = await publish(V2_MODELS);
  const { token } = await createApiKey(db, { orgId, actor: "test", name: "pricing", scopes: ["usage:write", "pricing:read"] });
  return { orgId, v1, v2, principal: (await authenticateApiKey(db, token))!, now };
}

describe("pricing by the version in force", () => {
  it("prices an event in an older version's period with that version after a newer one is published", async () => {
    const { orgId, v1, v2, principal } = await orgWithPriceHistory();
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const at = (date: Date) => date.toISOString();

    const [inV1, justBeforeV2, atV2Start, current] = await recordUsage(db, principal, [
      { idempotencyKey: "in-v1", timestamp: at(new Date(v1.effectiveFrom.getTime() + DAY_MS)), ...TOKENS },
      { idempotencyKey: "before-v2", timestamp: at(new Date(v2.effectiveFrom.getTime() - 1)), ...TOKENS },
      { idempotencyKey: "at-v2", timestamp: at(v2.effectiveFrom), ...TOKENS },
      { idempotencyKey: "now", ...TOKENS },
    ]);
    expect(inV1).toMatchObject({ costMicros: 1_000, priceVersion: 1, priceVersionId: v1.id });
    expect(justBeforeV2).toMatchObject({ costMicros: 1_000, priceVersion: 1, priceVersionId: v1.id });
    expect(atV2Start).toMatchObject({ costMicros: 3_000, priceVersion: 2, priceVersionId: v2.id });
    expect(current).toMatchObject({ costMicros: 3_000, priceVersion: 2, priceVersionId: v2.id });

    const recorded = await db
      .select({ id: usageEvents.id, priceVersionId: usageEvents.priceVersionId, costMicros: usageEvents.costMicros })
      .from(usageEvents)
      .where(eq(usageEvents.orgId, orgId));
    const answered = [inV1, justBeforeV2, atV2Start, current].map((a) => ({ id: a!.eventId, priceVersionId: a!.priceVersionId, costMicros: a!.costMicros }));
    expect(recorded).toHaveLength(4);
    expect(recorded).toEqual(expect.arrayContaining(answered));

    const estimate = await createCaller({ db, principal }).pricing.estimate({ ...TOKENS, timestamp: at(new Date(v1.effectiveFrom.getTime() + DAY_MS)) });
    expect(estimate).toMatchObject({ costMicros: 1_000, priceVersion: 1 });
  });

  it("refuses an event from before the first version and writes nothing", async () => {
    const { orgId, v1, principal } = await orgWithPriceHistory();
    const before = await countOrgRows(db, orgId);
    const refusal = await failureOf(
      createCaller({ db, principal }).usage.record({ idempotencyKey: "too-early", timestamp: new Date(v1.effectiveFrom.getTime() - 1).toISOString(), ...TOKENS }),
    );

    expect(refusal.appCode).toBe("UNKNOWN_MODEL");
    expect(await countOrgRows(db, orgId)).toEqual(before);
  });

  it("keeps pricing with the current version until a scheduled one takes effect", async () => {
    const { orgId, v2, principal, now } = await orgWithPriceHistory();
    const { id } = await createDraft(db, { orgId, actor: "test", models: TEST_MODELS, source: "test" });
    const scheduledFrom = new Date(now.getTime() + HOUR_MS);
    await publishVersion(db, { orgId, actor: "test", versionId: id, effectiveFrom: scheduledFrom });

    const [current] = await recordUsage(db, principal, [{ idempotencyKey: "now", ...TOKENS }]);
    expect(current).toMatchObject({ costMicros: 3_000, priceVersion: 2, priceVersionId: v2.id });
    expect(await createCaller({ db, principal }).pricing.list()).toMatchObject({
      current: { id: v2.id, version: 2 },
      upcoming: { id, version: 3, effectiveFrom: scheduledFrom },
    });
  });
});

describe("publishing", () => {
  const draftOf = async (org: TestOrg) => (await createDraft(db, { orgId: org.orgId, actor: "test", source: "test" })).id;

  it("refuses a version that would take effect in the past, and the draft stays a draft", async () => {
    const org = await createTestOrg(db);
    const versionId = await draftOf(org);
    const past = new Date((await dbNow(db)).getTime() - 60_000);

    expect(await failureOf(publishVersion(db, { orgId: org.orgId, actor: "test", versionId, effectiveFrom: past }))).toMatchObject({ appCode: "INVALID_INPUT" });
    expect(await failureOf(createCaller({ db, principal: org.admin }).pricing.publish({ versionId, effectiveFrom: past.toISOString() }))).toMatchObject({
      appCode: "INVALID_INPUT",
    });
    expect(await getVersion(db, org.orgId, versionId)).toMatchObject({ status: "draft", version: null, effectiveFrom: null });
  });

  it("refuses a version that would start before the latest published one", async () => {
    const org = await createTestOrg(db);
    const admin = createCaller({ db, principal: org.admin });
    const now = await dbNow(db);
    const inHours = (hours: number) => new Date(now.getTime() + hours * HOUR_MS).toISOString();
    await admin.pricing.publish({ versionId: await draftOf(org), effectiveFrom: inHours(2) });

    const versionId = await draftOf(org);
    expect(await failureOf(admin.pricing.publish({ versionId, effectiveFrom: inHours(1) }))).toMatchObject({ appCode: "INVALID_INPUT" });
    expect(await failureOf(publishVersion(db, { orgId: org.orgId, actor: "test", versionId, allowPast: true, effectiveFrom: new Date(now.getTime() - DAY_MS) }))).toMatchObject({
      appCode: "INVALID_INPUT",
    });
    expect(await getVersion(db, org.orgId, versionId)).toMatchObject({ status: "draft" });
    expect(await admin.pricing.publish({ versionId, effectiveFrom: inHours(3) })).toMatchObject({ version: 3 });
  });
});

describe("a published version is immutable", () => {
  const ofVersion = (org: TestOrg) => sql`org_id = ${org.orgId} AND version_id = ${org.priceVersionId}`;

  it("at the database: its rates and its row cannot be updated, deleted or added to", async () => {
    const org = await createTestOrg(db);
    const before = await getVersion(db, org.orgId, org.priceVersionId);
    const statements = [
      sql`UPDATE ${modelPrices} SET input_micros_per_million_tokens = 0 WHERE ${ofVersion(org)}`,
      sql`DELETE FROM ${modelPrices} WHERE ${ofVersion(org)}`,
      sql`INSERT INTO ${modelPrices} (org_id, version_id, model, input_micros_per_million_tokens, output_micros_per_million_tokens)
          VALUES (${org.orgId}, ${org.priceVersionId}, 'sneaky', 0, 0)`,
      sql`UPDATE ${operationPrices} SET micros_per_unit = 0 WHERE ${ofVersion(org)}`,
      sql`DELETE FROM ${operationPrices} WHERE ${ofVersion(org)}`,
      sql`UPDATE ${priceVersions} SET effective_from = effective_from - interval '1 day' WHERE org_id = ${org.orgId} AND id = ${org.priceVersionId}`,
      sql`DELETE FROM ${priceVersions} WHERE org_id = ${org.orgId} AND id = ${org.priceVersionId}`,
    ];

    for (const statement of statements) {
      const refusal = await refusalOf(db, statement);
      expect(refusal).toMatchObject({ code: "23001", message: `price version ${org.priceVersionId} is published and cannot change` });
    }
    expect(await getVersion(db, org.orgId, org.priceVersionId)).toEqual(before);
  });

  it("through the API: every edit is refused with CONFLICT, while a draft stays editable", async () => {
    const org = await createTestOrg(db);
    const admin = createCaller({ db, principal: org.admin });
    const before = await getVersion(db, org.orgId, org.priceVersionId);
    const versionId = org.priceVersionId;
    const price = { ...TEST_MODELS[0]!, inputMicrosPerMillionTokens: 0 };

    const edits = [
      () => admin.pricing.setModelPrice({ versionId, price }),
      () => admin.pricing.removeModelPrice({ versionId, model: "test-small" }),
      () => admin.pricing.setOperationPrice({ versionId, price: { operation: "agent_run", unit: "run", microsPerUnit: 0 } }),
      () => admin.pricing.discardDraft({ versionId }),
    ];
    for (const edit of edits) expect(await failureOf(edit())).toMatchObject({ appCode: "CONFLICT" });
    expect(await getVersion(db, org.orgId, versionId)).toEqual(before);

    const { id: draftId } = await admin.pricing.createDraft({});
    await admin.pricing.setModelPrice({ versionId: draftId, price });
    const [draftRate] = await db
      .select({ input: modelPrices.inputMicrosPerMillionTokens })
      .from(modelPrices)
      .where(and(eq(modelPrices.orgId, org.orgId), eq(modelPrices.versionId, draftId), eq(modelPrices.model, "test-small")));
    expect(draftRate).toEqual({ input: 0 });
  });
});
