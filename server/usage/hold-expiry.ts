import { lte, sql } from "drizzle-orm";
import { creditWallets, reservations, type BudgetHold } from "../../db/schema";
import type { Database } from "../../db/client";
import { withTransaction, type Transaction } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
import { allotSchemaName, rawClient } from "../lib/raw-sql";
import { TRANSACTION_CLOCK } from "../lib/db-clock";
import { openBudgetBook } from "../budgets/budget-book";
import { availableMicros, changeHeld, lockWallet, type LockedWallet } from "../ledger/wallet";
import { orgConfig } from "../org-config/org-config";

export interface ExpiredHold {
  amountMicros: number;
  budgetHolds: BudgetHold[];
}

/**
 * Marks an organisation's holds whose time is up as expired and returns them; the caller gives
 * their credits back (to the balance and the budgets). Holds in `except` are left to the caller, which
 * is about to settle or release them. Needs the wallet lock; "now" is the transaction's clock as the
 * lock reads it (TRANSACTION_CLOCK), so it can be sent right behind the lock.
 *
 * Only when the wallet's next hold expiry has come (credit_wallets.next_hold_expiry_at, a lower
 * bound kept by every new hold) are the holds looked at — otherwise none can be due, and the scan is
 * not run, whatever plan it has: a generic plan made while the table was small read every hold the
 * organisation had ever made, on every group, until the table's first ANALYZE. When they are looked
 * at, the bound moves up to the soonest hold left active (the holds in `except` included: still
 * active as far as this statement knows, so the bound stays low and the next group looks again).
 */
export function markDueHoldsExpired(tx: Transaction, orgId: string, except: string[] = []): Promise<ExpiredHold[]> {
  // On every group that authorizes: a postgres.js template (one text whatever `except` holds,
  // prepared once per connection; drizzle's builder rebuilt and rendered it on every call).
  // 'active' is written into the text, not bound: only then can a generic plan use the index of
  // active holds by expiry (a partial index). The wallet's condition names no column of the holds:
  // PostgreSQL checks it once, before the scan.
  const raw = rawClient(tx);
  const schema = raw(allotSchemaName);
  const clock = raw.unsafe(TRANSACTION_CLOCK);
  return raw<{ amount_micros: unknown; budget_holds: unknown }[]>`
    WITH due AS (
      UPDATE ${schema}.reservations SET status = 'expired', resolved_at = ${clock}
      WHERE org_id = ${orgId} AND status = 'active' AND expires_at <= ${clock} AND NOT (id = ANY(${except}::uuid[]))
        AND EXISTS (SELECT 1 FROM ${schema}.credit_wallets WHERE org_id = ${orgId} AND next_hold_expiry_at <= ${clock})
      RETURNING amount_micros, budget_holds
    ), bound AS (
      UPDATE ${schema}.credit_wallets SET next_hold_expiry_at = (
        SELECT min(expires_at) FROM ${schema}.reservations
        WHERE org_id = ${orgId} AND status = 'active' AND NOT (expires_at <= ${clock} AND NOT (id = ANY(${except}::uuid[])))
      )
      WHERE org_id = ${orgId} AND next_hold_expiry_at <= ${clock}
    )
    SELECT amount_micros, budget_holds FROM due`.then((rows) =>
    // Decoded as drizzle decodes these columns (bigint to number, jsonb parsed).
    rows.map((row): ExpiredHold => ({
      amountMicros: reservations.amountMicros.mapFromDriverValue(row.amount_micros as never) as number,
      budgetHolds: reservations.budgetHolds.mapFromDriverValue(row.budget_holds as never) as BudgetHold[],
    })),
  );
}

/** Expires an organisation's holds whose time is up; returns the micro-credits released. Needs the wallet lock. */
export async function expireDueHolds(tx: Transaction, wallet: LockedWallet): Promise<number> {
  const expired = await markDueHoldsExpired(tx, wallet.orgId);
  if (expired.length === 0) return 0;
  const released = expired.reduce((sum, row) => sum + row.amountMicros, 0);
  await changeHeld(tx, wallet.orgId, -released);
  const holds = expired.flatMap((row) => row.budgetHolds);
  const config = await orgConfig(tx, wallet.orgId, wallet.configVersion);
  const book = await openBudgetBook(tx, wallet.orgId, config.timeZone, [], holds, config.budgets);
  book.releaseHolds(holds);
  await book.flush(tx);
  await checkLowBalance(tx, wallet, availableMicros(wallet) + released);
  return released;
}

/**
 * The expiry job: every organisation whose wallet's next hold expiry has come (it may have a hold
 * past its time), one transaction each; counts those that had holds expire. One whose holds were
 * all resolved meanwhile finds nothing to expire, and its bound moves up.
 */
export async function expireReservations(db: Database): Promise<{ organizations: number; releasedMicros: number }> {
  const due = await db
    .select({ orgId: creditWallets.orgId })
    .from(creditWallets)
    .where(lte(creditWallets.nextHoldExpiryAt, sql`now()`));
  let organizations = 0;
  let releasedMicros = 0;
  for (const { orgId } of due) {
    const released = await withTransaction(db, async (tx) => expireDueHolds(tx, await lockWallet(tx, orgId)));
    // A hold holds something (amount > 0): the organisations counted are those that had one expire.
    if (released > 0) organizations += 1;
    releasedMicros += released;
  }
  return { organizations, releasedMicros };
}
