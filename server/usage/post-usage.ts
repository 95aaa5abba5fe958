import { usageEvents } from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import { systemAccountId } from "../ledger/accounts";
import { allocateBurn, type BurnableGrant } from "../ledger/burn-order";
import { postTransactions, type LedgerPosting } from "../ledger/post";
import { AppError } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import type { NormalizedAction } from "../pricing/action";
import type { PricedAction } from "../pricing/price-book";
import type { Attribution } from "./attribution";

/** A priced event about to be written, with what the ledger will actually debit for it. */
export interface PendingUsage {
  id: string;
  idempotencyKey: string;
  occurredAt: Date;
  action: NormalizedAction;
  priced: PricedAction;
  attribution: Attribution;
  chargedMicros: number;
  reservationId?: string | null;
  apiKeyId?: string | null;
  metadata?: Record<string, string> | null;
}

/** What a caller is told about a recorded event — stored, so a replay answers the same. */
export interface UsageAnswer {
  eventId: string;
  idempotencyKey: string;
  costMicros: number;
  chargedMicros: number;
  priceVersion: number;
  priceVersionId: string;
  balanceAfterMicros: number;
}

/**
 * Writes events and their debits: the grants (in burn order, balances mutated) pay each event's
 * charge in sequence. Three statements whatever the batch size. Needs the wallet lock.
 */
export async function postUsage(tx: Transaction, orgId: string, grants: BurnableGrant[], events: PendingUsage[]): Promise<void> {
  const consumption = systemAccountId(orgId, "consumption");
  const postings: LedgerPosting[] = [];
  for (const [index, event] of events.entries()) {
    if (event.chargedMicros === 0) continue;
    const allocations = allocateBurn(grants, event.chargedMicros);
    if (!allocations) throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits are available", { index });
    postings.push({
      id: uuidv7(),
      kind: "usage",
      usageEventId: event.id,
      entries: [
        ...allocations.map((allocation) => ({ accountId: allocation.grantId, amountMicros: -allocation.amountMicros })),
        { accountId: consumption, amountMicros: event.chargedMicros },
      ],
    });
  }
  await tx.insert(usageEvents).values(
    events.map((event) => ({
      orgId,
      id: event.id,
      idempotencyKey: event.idempotencyKey,
      occurredAt: event.occurredAt,
      kind: event.action.kind,
      item: event.priced.pricedAs,
      priceVersionId: event.priced.priceVersionId,
      ...event.action.tokens,
      quantityMicros: event.action.quantityMicros,
      costMicros: event.priced.costMicros,
      chargedMicros: event.chargedMicros,
      ...event.attribution,
      reservationId: event.reservationId ?? null,
      apiKeyId: event.apiKeyId ?? null,
      metadata: event.metadata ?? null,
    })),
  );
  await postTransactions(tx, orgId, postings);
}
