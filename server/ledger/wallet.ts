import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { creditGrants, creditWallets, ledgerAccounts } from "../../db/schema";
import type { DbOrTx, Transaction } from "../../db/transaction";
import { TRANSACTION_CLOCK } from "../lib/db-clock";
import { notFound } from "../lib/errors";
import { allotSchemaName, rawClient } from "../lib/raw-sql";
import { uuidv7 } from "../lib/ids";
import { systemAccountId } from "./accounts";
import type { BurnableGrant } from "./burn-order";
import { emitWebhookEvent } from "../webhooks/emit";
import { grantExpiredEvent } from "../webhooks/grant-events";
import { postTransactions } from "./post";

export interface LockedWallet {
  orgId: string;
  postedMicros: number;
  heldMicros: number;
  /** The organisation's time zone, for budget periods. */
  timeZone: string;
  lowBalanceThresholdMicros: number | null;
  lowBalanceAlerted: boolean;
  /** The version of the organisation's spending configuration (see server/org-config). */
  configVersion: number;
  /** The database's clock at the time of the lock: the one clock for expiries and periods. */
  now: Date;
}

export const availableMicros = (wallet: Pick<LockedWallet, "postedMicros" | "heldMicros">) =>
  wallet.postedMicros - wallet.heldMicros;

/**
 * Locks the organisation's wallet row: the first lock of every transaction that moves credits, so
 * all of them serialise per organisation in one order. Grants that have expired by the database's
 * clock are posted as expired before anything else sees the balance.
 */
export async function lockWallet(tx: Transaction, orgId: string): Promise<LockedWallet> {
  const row = await readLocked(tx, orgId);
  if (row.nextExpiryAt && row.nextExpiryAt <= row.now) {
    await expireDueGrants(tx, orgId, row.now);
    return readLocked(tx, orgId);
  }
  return row;
}

// The two statements below run on every spend: raw statements (server/lib/raw-sql.ts). Both read
// the transaction's clock as TRANSACTION_CLOCK, so the lock's "now" and the grants' cut-off are
// exactly the same instant.

async function readLocked(tx: Transaction, orgId: string) {
  const sql = rawClient(tx);
  const schema = sql(allotSchemaName);
  // Subqueries rather than a join, so only the wallet row is locked.
  const [row] = await sql<
    {
      posted_micros: string;
      held_micros: string;
      next_expiry_at: string | null;
      low_balance_alerted: boolean;
      config_version: string;
      time_zone: string;
      low_balance_threshold_micros: string | null;
      now: string;
    }[]
  >`SELECT w.posted_micros, w.held_micros, w.next_expiry_at, w.low_balance_alerted, w.config_version, ${sql.unsafe(TRANSACTION_CLOCK)} AS now,
      (SELECT o.time_zone FROM ${schema}.organizations o WHERE o.id = w.org_id) AS time_zone,
      (SELECT o.low_balance_threshold_micros FROM ${schema}.organizations o WHERE o.id = w.org_id) AS low_balance_threshold_micros
    FROM ${schema}.credit_wallets w WHERE w.org_id = ${orgId} FOR UPDATE`;
  if (!row) throw notFound("Organisation");
  return {
    orgId,
    postedMicros: Number(row.posted_micros),
    heldMicros: Number(row.held_micros),
    nextExpiryAt: row.next_expiry_at === null ? null : new Date(row.next_expiry_at),
    lowBalanceAlerted: row.low_balance_alerted,
    configVersion: Number(row.config_version),
    timeZone: row.time_zone,
    lowBalanceThresholdMicros: row.low_balance_threshold_micros === null ? null : Number(row.low_balance_threshold_micros),
    now: new Date(row.now),
  };
}

/**
 * Grants that can pay for a debit now, in burn order (see burn-order.ts). "Now" is the transaction's
 * clock as the wallet lock reads it, so the read can be sent before the lock has answered: grants
 * the lock then expires were past that instant, never in this list, and expiring them changes no
 * other grant.
 */
export async function loadBurnableGrants(tx: DbOrTx, orgId: string): Promise<BurnableGrant[]> {
  const sql = rawClient(tx);
  const schema = sql(allotSchemaName);
  const rows = await sql<{ id: string; balance_micros: string; priority: number; expires_at: string | null; created_at: string }[]>`
    SELECT g.id, a.balance_micros, g.priority, g.expires_at, g.created_at
    FROM ${schema}.credit_grants g JOIN ${schema}.ledger_accounts a ON a.org_id = g.org_id AND a.id = g.id
    WHERE g.org_id = ${orgId} AND g.expired_at IS NULL AND (g.expires_at IS NULL OR g.expires_at > ${sql.unsafe(TRANSACTION_CLOCK)})
      AND a.balance_micros > 0
    ORDER BY g.priority, g.expires_at ASC NULLS LAST, g.created_at, g.id`;
  return rows.map((row) => ({
    id: row.id,
    balanceMicros: Number(row.balance_micros),
    priority: row.priority,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    createdAt: new Date(row.created_at),
  }));
}

/**
 * Posts every grant whose expiry has passed: what it still holds moves to the expiration account.
 * Idempotent — an expired grant is marked and never selected again. Needs the wallet lock. Each
 * expiry is a `grant.expired` webhook event, in the same transaction.
 */
export async function expireDueGrants(tx: Transaction, orgId: string, now: Date): Promise<number> {
  const due = await tx
    .select({
      id: creditGrants.id,
      kind: creditGrants.kind,
      amountMicros: creditGrants.amountMicros,
      expiresAt: creditGrants.expiresAt,
      sourceRef: creditGrants.sourceRef,
      balanceMicros: ledgerAccounts.balanceMicros,
    })
    .from(creditGrants)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.orgId, creditGrants.orgId), eq(ledgerAccounts.id, creditGrants.id)))
    .where(and(eq(creditGrants.orgId, orgId), isNull(creditGrants.expiredAt), lte(creditGrants.expiresAt, now)));
  if (due.length === 0) return 0;
  const expirationAccount = systemAccountId(orgId, "expiration");
  await postTransactions(
    tx,
    orgId,
    due.map((grant) => ({
      id: uuidv7(),
      kind: "expiry" as const,
      grantId: grant.id,
      memo: "grant expired",
      entries: [
        { accountId: grant.id, amountMicros: -grant.balanceMicros },
        { accountId: expirationAccount, amountMicros: grant.balanceMicros },
      ],
    })),
  );
  await tx
    .update(creditGrants)
    .set({ expiredAt: now })
    .where(and(eq(creditGrants.orgId, orgId), isNull(creditGrants.expiredAt), lte(creditGrants.expiresAt, now)));
  await refreshNextExpiry(tx, orgId);
  for (const grant of due) await emitWebhookEvent(tx, orgId, grantExpiredEvent(grant));
  return due.reduce((sum, grant) => sum + grant.balanceMicros, 0);
}

export async function refreshNextExpiry(tx: DbOrTx, orgId: string): Promise<void> {
  await tx
    .update(creditWallets)
    .set({
      nextExpiryAt: sql`(SELECT min(${creditGrants.expiresAt}) FROM ${creditGrants}
        WHERE ${creditGrants.orgId} = ${orgId} AND ${creditGrants.expiredAt} IS NULL)`,
    })
    .where(eq(creditWallets.orgId, orgId));
}

export async function changeHeld(tx: Transaction, orgId: string, deltaMicros: number): Promise<void> {
  if (deltaMicros === 0) return;
  await tx
    .update(creditWallets)
    .set({ heldMicros: sql`${creditWallets.heldMicros} + ${deltaMicros}` })
    .where(eq(creditWallets.orgId, orgId));
}
