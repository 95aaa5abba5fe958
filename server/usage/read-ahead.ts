import type { Transaction } from "../../db/transaction";
import { periodsToReadAhead, readPeriodTotalsAhead, type BookItem, type PeriodTotalsRead } from "../budgets/budget-book";
import { loadBurnableGrants } from "../ledger/wallet";
import { lastSeenOrgConfig } from "../org-config/org-config";
import { resolveWith } from "./attribution";
import { occurredAtOf } from "./occurred-at";
import type { RecordRequest } from "./record-request";
import { findRecordedAnswers } from "./recorded-answers";
import type { UsageAnswer } from "./usage-write";

/**
 * What a group of usage records reads after taking its wallet lock, sent in the lock's round trip,
 * right behind it — PostgreSQL runs a connection's pipelined statements in order, so these read
 * what the lock sees: the stored answers of the group's keys, the burnable grants, and the budget
 * period totals its events will count in. A group then costs two round trips, not three.
 *
 * Call it in the same tick as the lock. The periods are planned before the lock, from the
 * configuration this process last saw and its own clock; the budget book reads whatever the plan
 * missed (the configuration changed meanwhile, an event fell in another period), so a wrong plan
 * costs a round trip, never an answer.
 */
export function readAheadForRecords(tx: Transaction, orgId: string, requests: RecordRequest[]) {
  const keys = requests.flatMap((request) => [...request.firstByKey.keys()]);
  const config = lastSeenOrgConfig(orgId);
  const plan = config && periodsToReadAhead(config.timeZone, plannedItems(requests, config.directory), config.budgets);
  const reads = Promise.all([
    findRecordedAnswers<UsageAnswer>(tx, orgId, keys),
    loadBurnableGrants(tx, orgId),
    plan ? readPeriodTotalsAhead(tx, orgId, plan) : Promise.resolve<PeriodTotalsRead | undefined>(undefined),
  ]).then(([answered, grants, periods]) => ({ answered, grants, periods }));
  // Awaited after the lock; should the lock fail first, this must not be an unhandled rejection.
  reads.catch(() => {});
  return reads;
}

/** The budget book's items as the group will see them, as far as the last-seen directory tells (events it cannot place are left out). */
function plannedItems(requests: RecordRequest[], directory: Parameters<typeof resolveWith>[0]): BookItem[] {
  const now = new Date();
  const items: BookItem[] = [];
  for (const request of requests) {
    for (const index of request.firstByKey.values()) {
      const { input } = request.prepared[index]!;
      try {
        const [attribution] = resolveWith(directory, request.principal, [input]);
        items.push({ attribution: attribution!, at: occurredAtOf(input, now, index) });
      } catch {
        // Refused under the lock, if at all; nothing to read for it.
      }
    }
  }
  return items;
}
