import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { creditGrants, creditWallets, ledgerAccounts } from "../../db/schema";
import type { Database } from "../../db/client";
import { notFound } from "../lib/errors";

export interface GrantBalance {
  id: string;
  kind: string;
  priority: number;
  amountMicros: number;
  remainingMicros: number;
  expiresAt: Date | null;
  createdAt: Date;
  memo: string;
}

export interface CreditBalance {
  availableMicros: number;
  postedMicros: number;
  heldMicros: number;
  /** Open grants (not expired, credits left), in burn order. */
  grants: GrantBalance[];
}

/** A consistent snapshot of the wallet and its open grants (one read-only repeatable-read transaction). */
export async function getCreditBalance(db: Database, orgId: string): Promise<CreditBalance> {
  return db.transaction(
    async (tx) => {
      const [wallet] = await tx.select().from(creditWallets).where(eq(creditWallets.orgId, orgId));
      if (!wallet) throw notFound("Organisation");
      const grants = await tx
        .select({
          id: creditGrants.id,
          kind: creditGrants.kind,
          priority: creditGrants.priority,
          amountMicros: creditGrants.amountMicros,
          remainingMicros: ledgerAccounts.balanceMicros,
          expiresAt: creditGrants.expiresAt,
          createdAt: creditGrants.createdAt,
          memo: creditGrants.memo,
        })
        .from(creditGrants)
        .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.orgId, creditGrants.orgId), eq(ledgerAccounts.id, creditGrants.id)))
        .where(and(eq(creditGrants.orgId, orgId), isNull(creditGrants.expiredAt), sql`${ledgerAccounts.balanceMicros} > 0`))
        .orderBy(asc(creditGrants.priority), sql`${creditGrants.expiresAt} ASC NULLS LAST`, asc(creditGrants.createdAt));
      return {
        // A grant can expire under an active hold (posted < held); what is available is then nothing, not a debt.
        availableMicros: Math.max(0, wallet.postedMicros - wallet.heldMicros),
        postedMicros: wallet.postedMicros,
        heldMicros: wallet.heldMicros,
        grants,
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Every grant ever made, newest first, with what is left — for the ledger page and its CSV. */
export async function listGrants(db: Database, orgId: string, limit = 500) {
  return db
    .select({
      id: creditGrants.id,
      kind: creditGrants.kind,
      priority: creditGrants.priority,
      amountMicros: creditGrants.amountMicros,
      remainingMicros: ledgerAccounts.balanceMicros,
      expiresAt: creditGrants.expiresAt,
      expiredAt: creditGrants.expiredAt,
      createdAt: creditGrants.createdAt,
      memo: creditGrants.memo,
      sourceRef: creditGrants.sourceRef,
    })
    .from(creditGrants)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.orgId, creditGrants.orgId), eq(ledgerAccounts.id, creditGrants.id)))
    .where(eq(creditGrants.orgId, orgId))
    .orderBy(desc(creditGrants.createdAt))
    .limit(limit);
}
