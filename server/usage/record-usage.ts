import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import type { UsageEventInput } from "./event-input";
import { prepareRequest, type RecordedUsage } from "./record-request";
import { recordThroughLane } from "./usage-lanes";

export type { RecordedUsage } from "./record-request";

/**
 * Records priced usage events and debits them, all or nothing. Each event is priced with the
 * version in force at its timestamp and counts in the budget periods containing that timestamp;
 * keys already recorded with the same payload are answered from the first answer; the request is
 * refused as a whole when any event is invalid, conflicts, or does not fit in the available balance
 * (INSUFFICIENT_CREDITS) or in a pause budget (BUDGET_EXHAUSTED) — the error names the first that
 * does not. Concurrent requests for one organisation share transactions (see usage-lanes.ts).
 */
export async function recordUsage(db: DbOrTx, principal: Principal, inputs: UsageEventInput[]): Promise<RecordedUsage[]> {
  return recordThroughLane(db, prepareRequest(principal, inputs));
}
