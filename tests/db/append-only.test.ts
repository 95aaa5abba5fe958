import { and, eq, getTableName, sql, TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  agents,
  apiKeys,
  auditLog,
  creditWallets,
  departments,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  organizations,
  projects,
  usageEvents,
} from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import { env } from "../../server/env";
import { systemAccountId } from "../../server/ledger/accounts";
import { getCreditBalance } from "../../server/ledger/balance";
import { verifyLedger } from "../../server/ledger/verify";
import { uuidv7 } from "../../server/lib/ids";
import { recordUsage } from "../../server/usage/record-usage";
import { countOrgRows } from "../support/db-counts";
import { refusalOf } from "../support/db-statements";
import { useTestDatabase } from "../support/database";
import { createTestOrg, type TestOrg } from "../support/fixtures";

/**
 * Invariants 1 and 2 hold in the database itself, whatever a connection with the app's role sends:
 * history cannot be edited, balances move only by balanced entries, and a grant never goes below zero.
 * Every attempt runs in a transaction that is rolled back (see refusalOf), so a rule that fails to
 * hold cannot destroy rows other test files use.
 */
const db = useTestDatabase();
const STARTER = 1_000_000;

/** An organisation with one recorded event, so every append-only table holds rows of it. */
async function orgWithHistory(): Promise<TestOrg & { grantId: string }> {
  const org = await createTestOrg(db, { starterMicros: STARTER });
  await recordUsage(db, org.apiKey, [{ idempotencyKey: "history", model: "test-small", inputTokens: 1_000 }]);
  const [grant] = (await getCreditBalance(db, org.orgId)).grants;
  return { ...org, grantId: grant!.id };
}

/** A ledger transaction row plus entries written by hand, as one statement each. */
function handWrittenPosting(orgId: string, entries: { accountId: string; amountMicros: number }[][]) {
  const transactionId = uuidv7();
  return [
    sql`INSERT INTO ${ledgerTransactions} (org_id, id, kind, memo) VALUES (${orgId}, ${transactionId}, 'adjustment', 'by hand')`,
    ...entries.map(
      (statement) =>
        sql`INSERT INTO ${ledgerEntries} (org_id, transaction_id, account_id, amount_micros) VALUES ${sql.join(
          statement.map((entry) => sql`(${orgId}, ${transactionId}, ${entry.accountId}, ${entry.amountMicros})`),
          sql`, `,
        )}`,
    ),
  ];
}

describe("append-only tables refuse changes", () => {
  const tables = [ledgerEntries, ledgerTransactions, usageEvents, auditLog];

  it.each(tables.map((table) => [getTableName(table), table] as const))("%s: UPDATE, DELETE and TRUNCATE fail", async (name, table) => {
    const org = await orgWithHistory();
    const before = await countOrgRows(db, org.orgId);
    const refusal = (operation: string) => ({ code: "23001", message: `${name} is append-only: ${operation} is not allowed` });

    expect(await refusalOf(db, sql`UPDATE ${table} SET org_id = org_id WHERE org_id = ${org.orgId}`)).toMatchObject(refusal("UPDATE"));
    expect(await refusalOf(db, sql`DELETE FROM ${table} WHERE org_id = ${org.orgId}`)).toMatchObject(refusal("DELETE"));
    // CASCADE, so that a foreign key pointing at the table cannot be what stops the TRUNCATE.
    expect(await refusalOf(db, sql`TRUNCATE ${table} CASCADE`)).toMatchObject(refusal("TRUNCATE"));
    expect(await countOrgRows(db, org.orgId)).toEqual(before);
  });
});

describe("rows that usage events, holds and answers name are never deleted", () => {
  // Those tables have no foreign keys (db/schema/usage.ts): these refusals are what keeps their references whole.
  const tables = [organizations, departments, projects, agents, apiKeys];
  const ofOrg = (table: (typeof tables)[number], orgId: string) => (table === organizations ? sql`id = ${orgId}` : sql`org_id = ${orgId}`);

  it.each(tables.map((table) => [getTableName(table), table] as const))("%s: DELETE and TRUNCATE fail, archiving still works", async (name, table) => {
    const org = await orgWithHistory();
    const before = await db.$count(table, ofOrg(table, org.orgId));

    expect(before).toBeGreaterThan(0);
    expect(await refusalOf(db, sql`DELETE FROM ${table} WHERE ${ofOrg(table, org.orgId)}`)).toMatchObject({
      code: "23001",
      message: `${name} rows are never deleted (usage events name them): archive or revoke instead`,
    });
    expect(await db.$count(table, ofOrg(table, org.orgId))).toBe(before);
    // TRUNCATE … CASCADE would lock every table referencing these while other test files run:
    // the refusing trigger is checked in the catalogue instead.
    const [truncate] = await db.execute<{ refused: boolean }>(sql`SELECT EXISTS (
        SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE t.tgrelid = ${`"${env.ALLOT_DB_SCHEMA}".${name}`}::regclass AND p.proname = 'refuse_delete' AND (t.tgtype & 32) <> 0
      ) AS refused`);
    expect(truncate).toEqual({ refused: true });
    if (table === organizations) return;
    const archive = table === apiKeys ? sql`revoked_at = now()` : sql`archived_at = now()`;
    expect(await refusalOf(db, sql`UPDATE ${table} SET ${archive} WHERE org_id = ${org.orgId}`)).toBeUndefined();
  });
});

describe("balances move only by posting entries", () => {
  it("refuses a direct change of an account balance or a wallet's posted total", async () => {
    const org = await orgWithHistory();

    expect(await refusalOf(db, sql`UPDATE ${ledgerAccounts} SET balance_micros = balance_micros + 1 WHERE org_id = ${org.orgId} AND id = ${org.grantId}`)).toMatchObject({
      code: "23001",
      message: "ledger_accounts.balance_micros changes only by posting entries",
    });
    expect(await refusalOf(db, sql`UPDATE ${creditWallets} SET posted_micros = posted_micros + 1 WHERE org_id = ${org.orgId}`)).toMatchObject({
      code: "23001",
      message: "credit_wallets.posted_micros changes only by posting entries",
    });
    expect(await refusalOf(db, sql`INSERT INTO ${ledgerAccounts} (org_id, kind, balance_micros) VALUES (${org.orgId}, 'adjustment', 5)`)).toMatchObject({
      code: "23001",
      message: "a ledger account starts at zero",
    });
    expect(await refusalOf(db, sql`UPDATE ${ledgerAccounts} SET floor_micros = -1 WHERE org_id = ${org.orgId} AND id = ${org.grantId}`)).toMatchObject({
      code: "23514",
      constraint_name: "ledger_accounts_grants_bounded",
    });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });

  it("calls the guards' functions only for a change they refuse, not for every posting", async () => {
    const org = await orgWithHistory();
    const guardCalls = async (tx: Transaction) => {
      const [calls] = await tx.execute<{ account: number | null; wallet: number | null }>(sql`SELECT
        pg_stat_get_xact_function_calls(${`"${env.ALLOT_DB_SCHEMA}".guard_account_balance`}::regproc::oid)::int AS account,
        pg_stat_get_xact_function_calls(${`"${env.ALLOT_DB_SCHEMA}".guard_wallet_posted`}::regproc::oid)::int AS wallet`);
      return { account: calls!.account ?? 0, wallet: calls!.wallet ?? 0 };
    };
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL track_functions = 'pl'`);
        // A posting that moves a grant's and consumption's balances and the wallet's posted total.
        await recordUsage(tx, org.apiKey, [{ idempotencyKey: "guarded", model: "test-small", inputTokens: 1_000 }]);
        // (A change they refuse still reaches them: the test above.)
        expect(await guardCalls(tx)).toEqual({ account: 0, wallet: 0 });
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
  });

  it("refuses entries that do not balance, even when a later statement would balance them", async () => {
    const org = await orgWithHistory();
    const adjustment = systemAccountId(org.orgId, "adjustment");
    const issuance = systemAccountId(org.orgId, "issuance");

    const unbalanced = await refusalOf(db, ...handWrittenPosting(org.orgId, [[{ accountId: adjustment, amountMicros: 5 }, { accountId: issuance, amountMicros: -4 }]]));
    expect(unbalanced).toMatchObject({ code: "23514" });
    expect(unbalanced?.message).toMatch(/^ledger transaction .+ does not balance$/);

    const split = await refusalOf(db, ...handWrittenPosting(org.orgId, [[{ accountId: adjustment, amountMicros: 5 }], [{ accountId: issuance, amountMicros: -5 }]]));
    expect(split?.message).toMatch(/does not balance$/);

    const balanced = await refusalOf(db, ...handWrittenPosting(org.orgId, [[{ accountId: adjustment, amountMicros: 5 }, { accountId: issuance, amountMicros: -5 }]]));
    expect(balanced).toBeUndefined();
  });

  it("keeps a grant at zero or above even against a balanced, hand-written pair of entries", async () => {
    const org = await orgWithHistory();
    const remaining = STARTER - 1_000;
    const overdraw = handWrittenPosting(org.orgId, [
      [
        { accountId: org.grantId, amountMicros: -(remaining + 1) },
        { accountId: systemAccountId(org.orgId, "consumption"), amountMicros: remaining + 1 },
      ],
    ]);

    expect(await refusalOf(db, ...overdraw)).toMatchObject({ code: "23514", constraint_name: "ledger_accounts_floor" });
    const [grant] = await db
      .select({ balanceMicros: ledgerAccounts.balanceMicros })
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.orgId, org.orgId), eq(ledgerAccounts.id, org.grantId)));
    expect(grant).toEqual({ balanceMicros: remaining });
    expect(await verifyLedger(db, org.orgId)).toEqual([]);
  });
});
