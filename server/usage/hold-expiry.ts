import { and, eq, lte, sql } from "drizzle-orm";
import { reservations, type BudgetHold } from "../../db/schema";
import type { Database } from "../../db/client";
import { withTransaction, type Transaction } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
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
 */
export function markDueHoldsExpired(tx: Transaction, orgId: string, except: string[] = []): Promise<ExpiredHold[]> {
  // On every group that authorizes: one text whatever `except` holds, prepared once per connection.
  // 'active' is written into the text, not bound: only then can a generic plan use the index of
  // active holds by expiry (a partial index), instead of reading every hold of the organisation.
  return tx
    .update(reservations)
    .set({ status: "expired", resolvedAt: sql.raw(TRANSACTION_CLOCK) })
    .where(
      and(
        eq(reservations.orgId, sql.placeholder("orgId")),
        sql`${reservations.status} = 'active'`,
        lte(reservations.expiresAt, sql.raw(TRANSACTION_CLOCK)),
        sql`NOT (${reservations.id} = ANY(${sql.placeholder("except")}::uuid[]))`,
      ),
    )
    .returning({ amountMicros: reservations.amountMicros, budgetHolds: reservations.budgetHolds })
    .prepare("allot_expire_due_holds")
    .execute({ orgId, except });
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

/** The expiry job: every organisation with a hold past its time, one transaction each. */
export async function expireReservations(db: Database): Promise<{ organizations: number; releasedMicros: number }> {
  const due = await db
    .selectDistinct({ orgId: reservations.orgId })
    .from(reservations)
    .where(and(eq(reservations.status, "active"), lte(reservations.expiresAt, sql`now()`)));
  let releasedMicros = 0;
  for (const { orgId } of due) {
    releasedMicros += await withTransaction(db, async (tx) => {
      return expireDueHolds(tx, await lockWallet(tx, orgId));
    });
  }
  return { organizations: due.length, releasedMicros };
}
