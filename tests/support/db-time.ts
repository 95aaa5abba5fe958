import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { creditGrants, creditWallets, reservations } from "../../db/schema";

/** A second ago by the database's clock, the one clock expiries are judged by. */
const aMomentAgo = sql`now() - interval '1 second'`;

/**
 * Lets a hold's time-to-live pass, as if time went by: the hold and its wallet's next hold expiry,
 * so that the next group or the expiry job sweeps it. Neither table is append-only.
 */
export async function letHoldLapse(db: Database, orgId: string, reservationId: string): Promise<void> {
  // One statement, so the wallet's bound is lowered to exactly the hold's new expiry.
  await db.execute(sql`WITH lapsed AS (
      UPDATE ${reservations} SET expires_at = ${aMomentAgo} WHERE org_id = ${orgId} AND id = ${reservationId} RETURNING expires_at
    )
    UPDATE ${creditWallets} SET next_hold_expiry_at = LEAST(next_hold_expiry_at, (SELECT expires_at FROM lapsed)) WHERE org_id = ${orgId}`);
}

/**
 * Lets a grant's expiry pass, as if time went by: the grant and its wallet's next expiry, so that
 * the expiry job (or the next debit) posts it. Neither table is append-only.
 */
export async function letGrantLapse(db: Database, orgId: string, grantId: string): Promise<void> {
  await db
    .update(creditGrants)
    .set({ expiresAt: aMomentAgo })
    .where(and(eq(creditGrants.orgId, orgId), eq(creditGrants.id, grantId)));
  await db.update(creditWallets).set({ nextExpiryAt: aMomentAgo }).where(eq(creditWallets.orgId, orgId));
}
