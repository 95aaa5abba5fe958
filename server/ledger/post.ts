import { ledgerEntries, ledgerTransactions } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";

export type LedgerTransactionKind = (typeof ledgerTransactions.$inferInsert)["kind"];

export interface LedgerPosting {
  id: string;
  kind: LedgerTransactionKind;
  entries: { accountId: string; amountMicros: number }[];
  usageEventId?: string;
  grantId?: string;
  memo?: string;
  actorMemberId?: string | null;
}

/**
 * Writes balanced transactions and their entries: two statements whatever the number of
 * transactions. The database checks the balance and moves the account balances (trigger).
 */
export async function postTransactions(tx: DbOrTx, orgId: string, postings: LedgerPosting[]): Promise<void> {
  const withEntries = postings.filter((posting) => posting.entries.some((entry) => entry.amountMicros !== 0));
  if (withEntries.length === 0) return;
  await tx.insert(ledgerTransactions).values(
    withEntries.map((posting) => ({
      orgId,
      id: posting.id,
      kind: posting.kind,
      usageEventId: posting.usageEventId,
      grantId: posting.grantId,
      memo: posting.memo ?? "",
      actorMemberId: posting.actorMemberId ?? null,
    })),
  );
  await tx.insert(ledgerEntries).values(
    withEntries.flatMap((posting) =>
      posting.entries
        .filter((entry) => entry.amountMicros !== 0)
        .map((entry) => ({ orgId, transactionId: posting.id, accountId: entry.accountId, amountMicros: entry.amountMicros })),
    ),
  );
}
