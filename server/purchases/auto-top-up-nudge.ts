import { performance } from "node:perf_hooks";

import type { DbOrTx } from "../../db/transaction";
import { LruMap } from "../lib/lru-map";
import { requestAutoTopUp } from "./auto-top-up";

/** Spending may have crossed the auto top-up threshold: ask, at most once a second per organisation, after the commit. */
const AUTO_TOP_UP_CHECK_MS = 1_000;
const autoTopUpCheckedAt = new LruMap<string, number>(10_000);

/** Called by every path that spends credits (records and settles), once its group has committed. */
export function nudgeAutoTopUp(db: DbOrTx, orgId: string): void {
  const now = performance.now();
  const last = autoTopUpCheckedAt.get(orgId);
  if (last !== undefined && now - last < AUTO_TOP_UP_CHECK_MS) return;
  autoTopUpCheckedAt.set(orgId, now);
  requestAutoTopUp(db, orgId).catch((error: unknown) => console.error("[auto-top-up] after spend", error));
}
