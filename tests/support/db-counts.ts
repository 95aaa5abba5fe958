import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { idempotencyKeys, ledgerEntries, ledgerTransactions, reservations, usageEvents } from "../../db/schema";

export interface OrgRowCounts {
  usageEvents: number;
  ledgerTransactions: number;
  ledgerEntries: number;
  /** Keys with a stored answer: a hold's is a row of idempotency_keys, an event is its own key's answer. */
  idempotencyKeys: number;
  reservations: number;
}

/** How many rows of what metering writes belong to an organisation: "nothing written" means these stay equal. */
export async function countOrgRows(db: Database, orgId: string): Promise<OrgRowCounts> {
  const [events, transactions, entries, keys, holds] = await Promise.all([
    db.$count(usageEvents, eq(usageEvents.orgId, orgId)),
    db.$count(ledgerTransactions, eq(ledgerTransactions.orgId, orgId)),
    db.$count(ledgerEntries, eq(ledgerEntries.orgId, orgId)),
    db.$count(idempotencyKeys, eq(idempotencyKeys.orgId, orgId)),
    db.$count(reservations, eq(reservations.orgId, orgId)),
  ]);
  return { usageEvents: events, ledgerTransactions: transactions, ledgerEntries: entries, idempotencyKeys: keys + events, reservations: holds };
}
