import { and, eq, sql } from "drizzle-orm";
import { creditGrants, creditWallets, ledgerAccounts } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { checkLowBalance } from "../alerts/low-balance";
import { AppError, invalidInput } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import { systemAccountId } from "./accounts";
import { allocateBurn } from "./burn-order";
import { postTransactions } from "./post";
import { availableMicros, loadBurnableGrants, lockWallet } from "./wallet";

export type GrantKind = (typeof creditGrants.$inferInsert)["kind"];

/** Lower burns first: promotional and starter credits (which usually expire) go before purchased ones. */
export const DEFAULT_GRANT_PRIORITY: Record<GrantKind, number> = {
  promotion: 10,
  starter: 20,
  adjustment: 30,
  purchase: 50,
};

export interface GrantInput {
  orgId: string;
  kind: GrantKind;
  amountMicros: number;
  priority?: number;
  expiresAt?: Date | null;
  memo?: string;
  sourceRef?: string | null;
  actorMemberId?: string | null;
}

export interface Grant {
  id: string;
  amountMicros: number;
  expiresAt: Date | null;
}

/** Issues a lot of credits: a grant account funded from the issuance account. */
export async function createGrant(db: DbOrTx, input: GrantInput): Promise<Grant> {
  if (!Number.isSafeInteger(input.amountMicros) || input.amountMicros <= 0) {
    throw invalidInput("A grant must be a positive whole number of micro-credits");
  }
  return withTransaction(db, async (tx) => {
    const wallet = await lockWallet(tx, input.orgId);
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt <= wallet.now) throw invalidInput("A grant's expiry must be in the future");
    const id = uuidv7();
    await tx.insert(ledgerAccounts).values({ orgId: input.orgId, id, kind: "grant", floorMicros: 0 });
    await tx.insert(creditGrants).values({
      orgId: input.orgId,
      id,
      kind: input.kind,
      priority: input.priority ?? DEFAULT_GRANT_PRIORITY[input.kind],
      amountMicros: input.amountMicros,
      expiresAt,
      memo: input.memo ?? "",
      sourceRef: input.sourceRef ?? null,
      createdByMemberId: input.actorMemberId ?? null,
    });
    await postTransactions(tx, input.orgId, [
      {
        id: uuidv7(),
        kind: "grant",
        grantId: id,
        memo: input.memo,
        actorMemberId: input.actorMemberId,
        entries: [
          { accountId: systemAccountId(input.orgId, "issuance"), amountMicros: -input.amountMicros },
          { accountId: id, amountMicros: input.amountMicros },
        ],
      },
    ]);
    if (expiresAt) {
      const expiry = sql`${expiresAt.toISOString()}::timestamptz`;
      await tx
        .update(creditWallets)
        .set({ nextExpiryAt: sql`LEAST(coalesce(${creditWallets.nextExpiryAt}, ${expiry}), ${expiry})` })
        .where(eq(creditWallets.orgId, input.orgId));
    }
    await checkLowBalance(tx, wallet, availableMicros(wallet) + input.amountMicros);
    return { id, amountMicros: input.amountMicros, expiresAt };
  });
}

/**
 * Takes credits away (an administrator's correction), burning grants in the usual order. Held
 * credits are not touchable: at most the available balance can be removed.
 */
export async function removeCredits(
  db: DbOrTx,
  input: { orgId: string; amountMicros: number; memo: string; actorMemberId?: string | null },
): Promise<{ transactionId: string }> {
  if (!Number.isSafeInteger(input.amountMicros) || input.amountMicros <= 0) {
    throw invalidInput("The amount to remove must be a positive whole number of micro-credits");
  }
  return withTransaction(db, async (tx) => {
    const wallet = await lockWallet(tx, input.orgId);
    if (availableMicros(wallet) < input.amountMicros) {
      throw new AppError("INSUFFICIENT_CREDITS", "Cannot remove more credits than are available", {
        availableMicros: availableMicros(wallet),
        requestedMicros: input.amountMicros,
      });
    }
    const allocations = allocateBurn(await loadBurnableGrants(tx, input.orgId), input.amountMicros);
    if (!allocations) throw new AppError("INSUFFICIENT_CREDITS", "Cannot remove more credits than are available");
    const transactionId = uuidv7();
    await postTransactions(tx, input.orgId, [
      {
        id: transactionId,
        kind: "adjustment",
        memo: input.memo,
        actorMemberId: input.actorMemberId,
        entries: [
          ...allocations.map((a) => ({ accountId: a.grantId, amountMicros: -a.amountMicros })),
          { accountId: systemAccountId(input.orgId, "adjustment"), amountMicros: input.amountMicros },
        ],
      },
    ]);
    await checkLowBalance(tx, wallet, availableMicros(wallet) - input.amountMicros);
    return { transactionId };
  });
}

export async function findGrant(db: DbOrTx, orgId: string, grantId: string) {
  const [grant] = await db
    .select()
    .from(creditGrants)
    .where(and(eq(creditGrants.orgId, orgId), eq(creditGrants.id, grantId)));
  return grant;
}
