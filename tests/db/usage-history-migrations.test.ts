import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase as createDatabaseOnServer, dropDatabase } from "../../db/admin";
import { createDatabase, type Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { creditWallets, ledgerEntries, ledgerTransactions, priceVersions, reservations, usageEvents } from "../../db/schema";
import { env } from "../../server/env";
import { systemAccountId } from "../../server/ledger/accounts";
import { getCreditBalance } from "../../server/ledger/balance";
import { verifyLedger } from "../../server/ledger/verify";
import { hashPayload } from "../../server/lib/hash";
import { uuidv7 } from "../../server/lib/ids";
import { recordUsage } from "../../server/usage/record-usage";
import { findHeldAnswers } from "../../server/usage/held-answers";
import { findRecordedAnswers } from "../../server/usage/recorded-answers";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * Migrations 0010–0015 change how recorded history is kept: one ledger posting per write (events
 * name it), an event (0012) or a hold (0014) as its own key's idempotency answer, and the wallet's
 * next hold expiry (0015). History
 * recorded before them — one posting per event pointing at it, answers in idempotency_keys — is
 * written here as the old code wrote it, on a database migrated through 0009; the later migrations
 * must carry it over whole.
 */
const testDatabaseUrl = inject("databaseUrl");
const name = `allot_history_${randomBytes(4).toString("hex")}`;
let db: Database;
let org: TestOrg;

const recordInput = { idempotencyKey: "before-0010", model: "test-small", inputTokens: 1_000, outputTokens: 100 };
/** The answers the old code stored, in the shape and order it gave them. */
const answers = {
  record: { eventId: uuidv7(), idempotencyKey: "before-0010", costMicros: 3_000, chargedMicros: 3_000, priceVersion: 0, priceVersionId: "", balanceAfterMicros: 996_000 },
  settle: {
    eventId: uuidv7(),
    idempotencyKey: "settle:before",
    costMicros: 1_500,
    chargedMicros: 1_000,
    priceVersion: 0,
    priceVersionId: "",
    balanceAfterMicros: 995_000,
    reservationId: uuidv7(),
    releasedMicros: 0,
    uncoveredMicros: 500,
  },
};
const postings = { record: uuidv7(), settle: uuidv7() };
const activeHoldExpiry = "2030-01-01T00:00:00.000Z";
/** The answer the old code stored for the hold the settle resolved (an amount-only hold: no price version). */
const heldAnswer = {
  reservationId: answers.settle.reservationId,
  heldMicros: 1_000,
  expiresAt: "2026-11-20T10:15:30.123Z",
  availableAfterMicros: 994_000,
  priceVersion: null,
};

beforeAll(async () => {
  const url = await createDatabaseOnServer(testDatabaseUrl, name);
  await migrate(url, env.ALLOT_DB_SCHEMA, { through: "0009_model_cost_histograms" });
  db = createDatabase({ url, max: 2, applicationName: "allot-test-history" });
  // Today's code creates the organisation and reads its balance; the wallet column it names that
  // 0009 lacks (0015's) is there only while it does.
  const wallets = sql`${sql.identifier(env.ALLOT_DB_SCHEMA)}.credit_wallets`;
  await db.execute(sql`ALTER TABLE ${wallets} ADD COLUMN next_hold_expiry_at timestamptz`);
  org = await createTestOrg(db, { starterMicros: 1_000_000 });
  const [version] = await db.select().from(priceVersions).where(eq(priceVersions.id, org.priceVersionId));
  for (const answer of [answers.record, answers.settle]) Object.assign(answer, { priceVersion: version!.version, priceVersionId: version!.id });
  const [grant] = (await getCreditBalance(db, org.orgId)).grants;
  const consumption = systemAccountId(org.orgId, "consumption");

  // As the code before 0010 wrote them: per event, its transaction (naming it) and entries, and its answer.
  const { record, settle } = answers;
  await db.execute(sql`INSERT INTO ${reservations}
      (org_id, id, idempotency_key, status, amount_micros, created_at, expires_at, resolved_at, usage_event_id)
    VALUES (${org.orgId}, ${settle.reservationId}, 'hold-before', 'settled', 1000, now(), ${heldAnswer.expiresAt}, now(), ${settle.eventId})`);
  for (const [event, posting, reservationId] of [
    [record, postings.record, null],
    [settle, postings.settle, settle.reservationId],
  ] as const) {
    await db.execute(sql`INSERT INTO ${usageEvents} (org_id, id, idempotency_key, occurred_at, kind, item, price_version_id, input_tokens, cost_micros, charged_micros, reservation_id)
      VALUES (${org.orgId}, ${event.eventId}, ${event.idempotencyKey}, now(), 'model', 'test-small', ${org.priceVersionId}, 1000, ${event.costMicros}, ${event.chargedMicros}, ${reservationId})`);
    await db.execute(sql`WITH t AS (
        INSERT INTO ${ledgerTransactions} (org_id, id, kind, usage_event_id) VALUES (${org.orgId}, ${posting}, 'usage', ${event.eventId})
      ) INSERT INTO ${ledgerEntries} (org_id, transaction_id, account_id, amount_micros)
      VALUES (${org.orgId}, ${posting}, ${grant!.id}, ${-event.chargedMicros}), (${org.orgId}, ${posting}, ${consumption}, ${event.chargedMicros})`);
  }
  for (const [namespace, key, requestHash, response] of [
    ["usage", record.idempotencyKey, hashPayload(recordInput), record],
    ["usage", settle.idempotencyKey, "settle-request-hash", settle],
    ["reservation", "hold-before", "hold-request-hash", heldAnswer],
  ] as const) {
    await db.execute(sql`INSERT INTO ${sql.identifier(env.ALLOT_DB_SCHEMA)}.idempotency_keys (org_id, namespace, key, request_hash, response)
      VALUES (${org.orgId}, ${namespace}, ${key}, ${requestHash}, ${JSON.stringify(response)}::jsonb)`);
  }

  // A hold still active, with the wallet's held total: 0015 sets the wallet's next hold expiry to it.
  await db.execute(sql`INSERT INTO ${reservations} (org_id, id, idempotency_key, status, amount_micros, expires_at)
    VALUES (${org.orgId}, ${uuidv7()}, 'still-held', 'active', 2000, ${activeHoldExpiry})`);
  await db.execute(sql`UPDATE ${wallets} SET held_micros = held_micros + 2000 WHERE org_id = ${org.orgId}`);

  await db.execute(sql`ALTER TABLE ${wallets} DROP COLUMN next_hold_expiry_at`);
  await migrate(url, env.ALLOT_DB_SCHEMA);
}, 120_000);

afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
  await dropDatabase(testDatabaseUrl, name);
});

describe("history recorded before migrations 0010–0015", () => {
  it("gives the wallet the expiry of its soonest active hold (0015)", async () => {
    const [wallet] = await db.select({ at: creditWallets.nextHoldExpiryAt }).from(creditWallets).where(eq(creditWallets.orgId, org.orgId));
    expect(wallet!.at).toEqual(new Date(activeHoldExpiry));
  });

  it("keeps each event's posting, now named by the event, and verifies clean", async () => {
    const events = await db
      .select({ id: usageEvents.id, posting: usageEvents.ledgerTransactionId })
      .from(usageEvents)
      .where(eq(usageEvents.orgId, org.orgId));
    expect(new Map(events.map((event) => [event.id, event.posting]))).toEqual(
      new Map([
        [answers.record.eventId, postings.record],
        [answers.settle.eventId, postings.settle],
      ]),
    );
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("answers each usage key from its event and each hold's key from its hold, exactly as first answered", async () => {
    const found = await findRecordedAnswers(db, org.orgId, [answers.record.idempotencyKey, answers.settle.idempotencyKey]);

    expect(JSON.stringify(found.get(answers.record.idempotencyKey))).toBe(JSON.stringify({ requestHash: hashPayload(recordInput), response: answers.record }));
    expect(JSON.stringify(found.get(answers.settle.idempotencyKey))).toBe(JSON.stringify({ requestHash: "settle-request-hash", response: answers.settle }));
    const held = await findHeldAnswers(db, org.orgId, ["hold-before"]);
    expect(JSON.stringify(held.get("hold-before"))).toBe(JSON.stringify({ requestHash: "hold-request-hash", response: heldAnswer }));
    const [table] = await db.execute<{ name: string | null }>(sql`SELECT to_regclass(${`"${env.ALLOT_DB_SCHEMA}".idempotency_keys`})::text AS name`);
    expect(table).toEqual({ name: null });
  });

  it("replays the old record as it was answered, and records new usage beside it", async () => {
    const [replay] = await recordUsage(db, org.apiKey, [recordInput]);
    expect(replay).toEqual({ ...answers.record, replay: true });

    const [fresh] = await recordUsage(db, org.apiKey, [{ ...recordInput, idempotencyKey: "after-0012" }]);
    expect(fresh).toMatchObject({ replay: false, idempotencyKey: "after-0012" });
    const [stored] = await db
      .select({ requestHash: usageEvents.requestHash })
      .from(usageEvents)
      .where(and(eq(usageEvents.orgId, org.orgId), eq(usageEvents.idempotencyKey, "after-0012")));
    expect(stored).toEqual({ requestHash: hashPayload({ ...recordInput, idempotencyKey: "after-0012" }) });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});

describe("migration 0014 on answers it would lose", () => {
  it("stops, says why, and changes nothing", async () => {
    const strayName = `allot_stray_${randomBytes(4).toString("hex")}`;
    const url = await createDatabaseOnServer(testDatabaseUrl, strayName);
    const stray = createDatabase({ url, max: 1, applicationName: "allot-test-stray-answer" });
    try {
      await migrate(url, env.ALLOT_DB_SCHEMA, { through: "0013_guard_triggers_only_on_violation" });
      const schema = sql.identifier(env.ALLOT_DB_SCHEMA);
      // An answer whose hold is not there (the organisation need not exist: the table has no foreign key since 0011).
      await stray.execute(sql`INSERT INTO ${schema}.idempotency_keys (org_id, namespace, key, request_hash, response)
        VALUES (${uuidv7()}, 'reservation', 'no-such-hold', 'hash', '{}'::jsonb)`);

      await expect(migrate(url, env.ALLOT_DB_SCHEMA)).rejects.toThrow(/1 answer\(s\) without a hold, 0 key\(s\) shared by holds/);
      const [left] = await stray.execute<{ answers: number }>(sql`SELECT count(*)::int AS answers FROM ${schema}.idempotency_keys`);
      expect(left).toEqual({ answers: 1 });
    } finally {
      await stray.$client.end({ timeout: 5 });
      await dropDatabase(testDatabaseUrl, strayName);
    }
  });
});
