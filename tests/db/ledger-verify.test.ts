import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import type { Database } from "../../db/client";
import { creditWallets, ledgerAccounts, ledgerEntries, reservations, usageEvents } from "../../db/schema";
import { createCaller } from "../../server/api/root";
import { systemAccountId } from "../../server/ledger/accounts";
import { getCreditBalance } from "../../server/ledger/balance";
import { expireGrants } from "../../server/ledger/expire-grants";
import { createGrant, removeCredits } from "../../server/ledger/grants";
import { verifyLedger, type Drift } from "../../server/ledger/verify";
import { uuidv7 } from "../../server/lib/ids";
import { recordUsage } from "../../server/usage/record-usage";
import { expireReservations } from "../../server/usage/reservations";
import { openConnection } from "../support/db-connections";
import { refusalOf } from "../support/db-statements";
import { letGrantLapse, letHoldLapse } from "../support/db-time";
import { useTestDatabase } from "../support/database";
import { createTestOrg } from "../support/fixtures";

/**
 * ledger:verify recomputes every derived figure from the append-only rows. Drift cannot be made
 * through the app (see append-only.test.ts), so it is simulated in one session with triggers off
 * (session_replication_role = replica), then undone, so other files never see it.
 */
const db = useTestDatabase();
const STARTER = 1_000_000;
/** test-small: 1,000 input + 500 output tokens. */
const EVENT_COST = 2_000;

/** Runs `work` on a dedicated connection whose session fires no triggers; the connection is closed after. */
async function withTriggersOff<T>(work: (session: Database) => Promise<T>): Promise<T> {
  const session = openConnection("allot-test-replica");
  try {
    await session.execute(sql`SET session_replication_role = replica`);
    return await work(session);
  } finally {
    await session.$client.end({ timeout: 5 });
  }
}

/** An organisation whose ledger holds one grant and one recorded event. */
async function ledgerWithOneEvent() {
  const org = await createTestOrg(db, { starterMicros: STARTER });
  const [event] = await recordUsage(db, org.apiKey, [{ idempotencyKey: "one", model: "test-small", inputTokens: 1_000, outputTokens: 500 }]);
  const [grant] = (await getCreditBalance(db, org.orgId)).grants;
  const [usage] = await db
    .select({ id: usageEvents.ledgerTransactionId })
    .from(usageEvents)
    .where(and(eq(usageEvents.orgId, org.orgId), eq(usageEvents.id, event!.eventId)));
  return { orgId: org.orgId, grantId: grant!.id, eventId: event!.eventId, usageTransactionId: usage!.id! };
}
type Ledger = Awaited<ReturnType<typeof ledgerWithOneEvent>>;

const REMAINING = String(STARTER - EVENT_COST);
const UNKNOWN_ID = "00000000-0000-4000-8000-00000000dead";
const accountBalance = (ledger: Ledger, accountId: string, delta: number) =>
  sql`UPDATE ${ledgerAccounts} SET balance_micros = balance_micros + ${delta} WHERE org_id = ${ledger.orgId} AND id = ${accountId}`;

/** A change the app cannot make, how to undo it, and the drift verifyLedger must report for it. */
const drifts: [string, (ledger: Ledger) => { change: SQL; undo: SQL; drift: Omit<Drift, "orgId">[] }][] = [
  [
    "a grant's balance",
    (ledger) => ({
      change: accountBalance(ledger, ledger.grantId, 7),
      undo: accountBalance(ledger, ledger.grantId, -7),
      drift: [
        { check: "account balance = sum of entries", subject: ledger.grantId, expected: REMAINING, actual: String(STARTER - EVENT_COST + 7) },
        { check: "wallet posted = sum of grant balances", subject: ledger.orgId, expected: String(STARTER - EVENT_COST + 7), actual: REMAINING },
      ],
    }),
  ],
  [
    "a system account's balance",
    (ledger) => {
      const consumption = systemAccountId(ledger.orgId, "consumption");
      return {
        change: accountBalance(ledger, consumption, -5),
        undo: accountBalance(ledger, consumption, 5),
        drift: [{ check: "account balance = sum of entries", subject: consumption, expected: String(EVENT_COST), actual: String(EVENT_COST - 5) }],
      };
    },
  ],
  [
    "a wallet's held total",
    (ledger) => ({
      change: sql`UPDATE ${creditWallets} SET held_micros = held_micros + 9 WHERE org_id = ${ledger.orgId}`,
      undo: sql`UPDATE ${creditWallets} SET held_micros = held_micros - 9 WHERE org_id = ${ledger.orgId}`,
      drift: [{ check: "wallet held = sum of active reservations", subject: ledger.orgId, expected: "0", actual: "9" }],
    }),
  ],
  [
    "a usage event's charge",
    (ledger) => ({
      change: sql`UPDATE ${usageEvents} SET charged_micros = charged_micros - 1 WHERE org_id = ${ledger.orgId} AND id = ${ledger.eventId}`,
      undo: sql`UPDATE ${usageEvents} SET charged_micros = charged_micros + 1 WHERE org_id = ${ledger.orgId} AND id = ${ledger.eventId}`,
      drift: [{ check: "usage posting = its events' charges", subject: ledger.usageTransactionId, expected: String(EVENT_COST - 1), actual: String(EVENT_COST) }],
    }),
  ],
  [
    "a usage event's link to its posting",
    (ledger) => ({
      change: sql`UPDATE ${usageEvents} SET ledger_transaction_id = NULL WHERE org_id = ${ledger.orgId} AND id = ${ledger.eventId}`,
      undo: sql`UPDATE ${usageEvents} SET ledger_transaction_id = ${ledger.usageTransactionId} WHERE org_id = ${ledger.orgId} AND id = ${ledger.eventId}`,
      drift: [
        { check: "usage posting = its events' charges", subject: ledger.usageTransactionId, expected: "0", actual: String(EVENT_COST) },
        { check: "a charged event names its usage posting", subject: ledger.eventId, expected: "a usage transaction", actual: "none" },
      ],
    }),
  ],
  [
    "a usage event's department",
    (ledger) => ({
      change: sql`UPDATE ${usageEvents} SET department_id = ${UNKNOWN_ID} WHERE org_id = ${ledger.orgId} AND id = ${ledger.eventId}`,
      undo: sql`UPDATE ${usageEvents} SET department_id = NULL WHERE org_id = ${ledger.orgId} AND id = ${ledger.eventId}`,
      drift: [{ check: "usage event's department exists", subject: ledger.eventId, expected: "a department of the organisation", actual: UNKNOWN_ID }],
    }),
  ],
  [
    "an entry added to a posted transaction",
    (ledger) => {
      const adjustment = systemAccountId(ledger.orgId, "adjustment");
      return {
        change: sql`INSERT INTO ${ledgerEntries} (org_id, transaction_id, account_id, amount_micros) VALUES (${ledger.orgId}, ${ledger.usageTransactionId}, ${adjustment}, 3)`,
        undo: sql`DELETE FROM ${ledgerEntries} WHERE org_id = ${ledger.orgId} AND account_id = ${adjustment}`,
        drift: [
          { check: "account balance = sum of entries", subject: adjustment, expected: "3", actual: "0" },
          { check: "transaction entries sum to zero", subject: ledger.usageTransactionId, expected: "0", actual: "3" },
        ],
      };
    },
  ],
];

describe("verifyLedger", () => {
  it("finds nothing after every kind of movement the app makes", async () => {
    const org = await createTestOrg(db, { starterMicros: STARTER });
    const api = createCaller({ db, principal: org.apiKey });
    await api.usage.record({ idempotencyKey: "event", model: "test-small", inputTokens: 1_000 });
    const settled = await api.usage.authorize({ idempotencyKey: "settled", amountMicros: 50_000 });
    await api.usage.settle({ reservationId: settled.reservationId, model: "test-small", inputTokens: 20_000 });
    const released = await api.usage.authorize({ idempotencyKey: "released", amountMicros: 50_000 });
    await api.usage.release({ reservationId: released.reservationId });
    const expired = await api.usage.authorize({ idempotencyKey: "expired", amountMicros: 50_000 });
    await letHoldLapse(db, org.orgId, expired.reservationId);
    await expireReservations(db);
    // The promotion burns first: 10,000 of it is removed, the other 20,000 expire.
    const promotion = await createGrant(db, { orgId: org.orgId, kind: "promotion", amountMicros: 30_000, expiresAt: new Date(Date.now() + 86_400_000) });
    await removeCredits(db, { orgId: org.orgId, amountMicros: 10_000, memo: "correction" });
    await letGrantLapse(db, org.orgId, promotion.id);
    await expireGrants(db);

    expect(await getCreditBalance(db, org.orgId)).toMatchObject({ postedMicros: STARTER - 1_000 - 20_000, heldMicros: 0 });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
    expect((await verifyLedger(db)).filter((drift) => drift.orgId === org.orgId)).toEqual([]);
  });

  it.each(drifts)("reports drift in %s, in that organisation only", async (_name, make) => {
    const [ledger, bystander] = await Promise.all([ledgerWithOneEvent(), ledgerWithOneEvent()]);
    const { change, undo, drift } = make(ledger);
    const expected = drift.map((item) => ({ ...item, orgId: ledger.orgId }));

    await withTriggersOff((session) => session.execute(change));
    try {
      expect(await verifyLedger(db, ledger.orgId)).toEqual(expected);
      expect(await verifyLedger(db, bystander.orgId)).toEqual([]);
      expect(await verifyLedger(db)).toEqual(expect.arrayContaining(expected));
    } finally {
      await withTriggersOff((session) => session.execute(undo));
    }
    expect(await verifyLedger(db, ledger.orgId)).toEqual([]);
  });
});

describe("references the hot tables do not guard with foreign keys", () => {
  it("reports a hold (its key's answer) or an event of an organisation that does not exist", async () => {
    const stray = { orgId: UNKNOWN_ID, id: uuidv7() };
    await db.insert(reservations).values({ ...stray, idempotencyKey: "stray", amountMicros: 1, expiresAt: new Date(), requestHash: "x", availableAfterMicros: 0 });
    try {
      expect(await verifyLedger(db)).toContainEqual({
        check: "hold's organisation exists",
        orgId: UNKNOWN_ID,
        subject: stray.id,
        expected: "an organisation",
        actual: UNKNOWN_ID,
      });
    } finally {
      await db.delete(reservations).where(and(eq(reservations.orgId, UNKNOWN_ID), eq(reservations.id, stray.id)));
    }
    expect((await verifyLedger(db)).filter((drift) => drift.orgId === UNKNOWN_ID)).toEqual([]);
  });
});

describe("simulating drift", () => {
  it("switches the rules off for its own session only", async () => {
    const ledger = await ledgerWithOneEvent();
    const change = accountBalance(ledger, ledger.grantId, 1);

    const elsewhere = await withTriggersOff(async (session) => {
      expect(await refusalOf(session, change)).toBeUndefined();
      return refusalOf(db, change);
    });
    expect(elsewhere).toMatchObject({ code: "23001" });
    expect(await verifyLedger(db, ledger.orgId)).toEqual([]);
  });
});

describe("npm run ledger:verify", () => {
  it("exits 1 and names the drifted account", async () => {
    const ledger = await ledgerWithOneEvent();
    const { change, undo } = drifts[0]![1](ledger);
    const run = promisify(execFile);

    await withTriggersOff((session) => session.execute(change));
    try {
      const failure = await run("npx", ["tsx", "server/cli/ledger-verify.ts"], {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
      }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`account balance = sum of entries: org ${ledger.orgId}, ${ledger.grantId}: expected ${REMAINING}, found ${STARTER - EVENT_COST + 7}`);
    } finally {
      await withTriggersOff((session) => session.execute(undo));
    }
  });
});
