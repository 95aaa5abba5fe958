import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { creditGrants, creditWallets, ledgerAccounts, organizations } from "../../db/schema";
import type { DbOrTx, Transaction } from "../../db/transaction";
import { notFound } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import { systemAccountId } from "./accounts";
import type { BurnableGrant } from "./burn-order";
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

async function readLocked(tx: Transaction, orgId: string) {
  const [row] = await tx
    .select({
      postedMicros: creditWallets.postedMicros,
      heldMicros: creditWallets.heldMicros,
      nextExpiryAt: creditWallets.nextExpiryAt,
      lowBalanceAlerted: creditWallets.lowBalanceAlerted,
      configVersion: creditWallets.configVersion,
      // Subqueries rather than a join, so only the wallet row is locked.
      timeZone: sql<string>`(SELECT ${organizations.timeZone} FROM ${organizations} WHERE ${organizations.id} = ${creditWallets.orgId})`,
      lowBalanceThreshold: sql<string | null>`(SELECT ${organizations.lowBalanceThresholdMicros} FROM ${organizations} WHERE ${organizations.id} = ${creditWallets.orgId})`,
      now: sql<string>`now()`,
    })
    .from(creditWallets)
    .where(eq(creditWallets.orgId, orgId))
    .for("update");
  if (!row) throw notFound("Organisation");
  const { lowBalanceThreshold, ...wallet } = row;
  return {
    orgId,
    ...wallet,
    lowBalanceThresholdMicros: lowBalanceThreshold === null ? null : Number(lowBalanceThreshold),
    now: new Date(row.now),
  };
}

/** Grants that can pay for a debit now, in burn order (see burn-order.ts). */
export async function loadBurnableGrants(tx: DbOrTx, orgId: string, now: Date): Promise<BurnableGrant[]> {
  return tx
    .select({
      id: creditGrants.id,
      balanceMicros: ledgerAccounts.balanceMicros,
      priority: creditGrants.priority,
      expiresAt: creditGrants.expiresAt,
      createdAt: creditGrants.createdAt,
    })
    .from(creditGrants)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.orgId, creditGrants.orgId), eq(ledgerAccounts.id, creditGrants.id)))
    .where(
      and(
        eq(creditGrants.orgId, orgId),
        isNull(creditGrants.expiredAt),
        or(isNull(creditGrants.expiresAt), gt(creditGrants.expiresAt, now)),
        gt(ledgerAccounts.balanceMicros, 0),
      ),
    )
    .orderBy(
      asc(creditGrants.priority),
      sql`${creditGrants.expiresAt} ASC NULLS LAST`,
      asc(creditGrants.createdAt),
      asc(creditGrants.id),
    );
}

/**
 * Posts every grant whose expiry has passed: what it still holds moves to the expiration account.
 * Idempotent — an expired grant is marked and never selected again. Needs the wallet lock.
 */
export async function expireDueGrants(tx: Transaction, orgId: string, now: Date): Promise<number> {
  const due = await tx
    .select({ id: creditGrants.id, balanceMicros: ledgerAccounts.balanceMicros })
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
