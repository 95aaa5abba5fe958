import type { Database } from "../../db/client";
import type { DbOrTx } from "../../db/transaction";
import { createOrgLanes } from "./org-lanes";

/** Reads one organisation's rows for several asks at once, answers each ask with its own. */
export interface CoalescedRead<Ask, Row> {
  /** One statement for all the asks (rows of any of them). */
  read: (db: DbOrTx, orgId: string, asks: Ask[]) => Promise<Row[]>;
  /** The rows of `rows` that answer `ask`: exactly what reading for it alone would have returned. */
  answer: (ask: Ask, rows: Row[]) => Row[];
  /** At most this many asks per statement. */
  maxAsks: number;
}

interface Waiting<Ask, Row> {
  ask: Ask;
  resolve: (rows: Row[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads of one organisation (through one pool) that arrive while its last such read is in flight wait
 * for it, then go together as one statement — the organisation lanes of group commit
 * (server/lib/org-lanes.ts), for reads. A burst of calls, such as the backlog a paused process finds,
 * costs one round trip instead of one each. (A read that arrives alone behind one in flight waits for
 * that one's answer before it is sent.)
 *
 * Each ask is answered by a statement sent after it was asked, so it sees everything committed
 * before it asked — as if it had read alone. What is shared is the statement: should it fail (a lost
 * connection), every ask it carried fails with it, so the asks' values must be ones the statement
 * cannot refuse. The rows answered are shared between callers too: read them, never change them.
 * Only for the pool: a transaction reads alone, on its own connection and in its own snapshot.
 */
export function coalescedReads<Ask, Row>(options: CoalescedRead<Ask, Row>): (db: Database, orgId: string, ask: Ask) => Promise<Row[]> {
  const lanes = createOrgLanes<Waiting<Ask, Row>>({
    takeGroup: (queue) => queue.splice(0, options.maxAsks),
    runGroup: async (db, orgId, group) => {
      try {
        const rows = await options.read(
          db,
          orgId,
          group.map((waiting) => waiting.ask),
        );
        return () => group.forEach((waiting) => waiting.resolve(options.answer(waiting.ask, rows)));
      } catch (error) {
        return () => group.forEach((waiting) => waiting.reject(error));
      }
    },
  });
  return (db, orgId, ask) => new Promise((resolve, reject) => lanes.enqueue(db, orgId, { ask, resolve, reject }));
}
