import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ledgerEntries, ledgerTransactions, reservations, usageEvents } from "../../db/schema";

export interface OrgRowCounts {
  usageEvents: number;
  ledgerTransactions: number;
  ledgerEntries: number;
  /** Keys with a stored answer: an event is its own key's answer, and a hold made through the API its own. */
  idempotencyKeys: number;
  reservations: number;
}

/** How many rows of what metering writes belong to an organisation: "nothing written" means these stay equal. */
export async function countOrgRows(db: Database, orgId: string): Promise<OrgRowCounts> {
  const [events, transactions, entries, keys, holds] = await Promise.all([
    db.$count(usageEvents, eq(usageEvents.orgId, orgId)),
    db.$count(ledgerTransactions, eq(ledgerTransactions.orgId, orgId)),
    db.$count(ledgerEntries, eq(ledgerEntries.orgId, orgId)),
    db.$count(reservations, and(eq(reservations.orgId, orgId), isNotNull(reservations.requestHash))),
    db.$count(reservations, eq(reservations.orgId, orgId)),
  ]);
  return { usageEvents: events, ledgerTransactions: transactions, ledgerEntries: entries, idempotencyKeys: keys + events, reservations: holds };
}
