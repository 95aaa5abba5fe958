import { sql, type SQL } from "drizzle-orm";
import { ledgerEntries, ledgerTransactions } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { asParams, type Bind } from "../lib/shaped-sql";
import { allotType, orgPrefix, unnestSelect } from "../lib/sql-arrays";

export type LedgerTransactionKind = (typeof ledgerTransactions.$inferInsert)["kind"];

export interface LedgerPosting {
  id: string;
  kind: LedgerTransactionKind;
  entries: { accountId: string; amountMicros: number }[];
  grantId?: string;
  memo?: string;
  actorMemberId?: string | null;
}

/**
 * The two INSERTs that write balanced transactions and their entries, as CTE bodies, so a caller
 * can make them part of one statement with what caused them: their values bound now, the SQL built
 * when asked (server/lib/shaped-sql.ts; the text does not depend on the postings). The database
 * checks the balance and moves the account balances (trigger). Null when there is nothing to post.
 */
export function ledgerInserts(orgId: string, postings: LedgerPosting[], bind: Bind = asParams): (() => { transactions: SQL; entries: SQL }) | null {
  const withEntries = postings.filter((posting) => posting.entries.some((entry) => entry.amountMicros !== 0));
  if (withEntries.length === 0) return null;
  const entries = withEntries.flatMap((posting) =>
    posting.entries.filter((entry) => entry.amountMicros !== 0).map((entry) => ({ transactionId: posting.id, ...entry })),
  );
  const prefix = orgPrefix(bind(orgId));
  const transactionRows = unnestSelect(prefix, [
    { values: withEntries.map((p) => p.id), type: "uuid" },
    { values: withEntries.map((p) => p.kind), type: allotType("ledger_transaction_kind") },
    { values: withEntries.map((p) => p.grantId ?? null), type: "uuid" },
    { values: withEntries.map((p) => p.memo ?? ""), type: "text" },
    { values: withEntries.map((p) => p.actorMemberId ?? null), type: "uuid" },
  ], bind);
  const entryRows = unnestSelect(prefix, [
    { values: entries.map((e) => e.transactionId), type: "uuid" },
    { values: entries.map((e) => e.accountId), type: "uuid" },
    { values: entries.map((e) => e.amountMicros), type: "bigint" },
  ], bind);
  return () => ({
    transactions: sql`INSERT INTO ${ledgerTransactions} (org_id, id, kind, grant_id, memo, actor_member_id) ${transactionRows()}`,
    entries: sql`INSERT INTO ${ledgerEntries} (org_id, transaction_id, account_id, amount_micros) ${entryRows()}`,
  });
}

/** Writes balanced transactions and their entries in one statement, whatever their number. */
export async function postTransactions(tx: DbOrTx, orgId: string, postings: LedgerPosting[]): Promise<void> {
  const inserts = ledgerInserts(orgId, postings)?.();
  if (!inserts) return;
  await tx.execute(sql`WITH transactions AS (${inserts.transactions}) ${inserts.entries}`);
}
