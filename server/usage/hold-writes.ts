import { sql } from "drizzle-orm";
import { creditWallets, reservations, type BudgetHold } from "../../db/schema";
import type { ShapedStatement } from "../lib/shaped-sql";
import { allotType, orgPrefix, unnestSelect } from "../lib/sql-arrays";
import type { Attribution } from "./attribution";

/** A hold about to be written. */
export interface NewReservation {
  id: string;
  idempotencyKey: string;
  amountMicros: number;
  item: string | null;
  priceVersionId: string | null;
  attribution: Attribution;
  apiKeyId: string | null;
  expiresAt: Date;
  budgetHolds: BudgetHold[];
  /** The hold answers for its idempotency key (server/usage/held-answers.ts): the authorize's hash, and the balance available after it. */
  requestHash: string;
  availableAfterMicros: number;
}

/** A hold resolved by a settle (with its event) or a release. */
export interface Resolution {
  id: string;
  /** Where the row is (its ctid), as the lock read it: the update goes straight there. */
  rowAddress: string;
  status: "settled" | "released";
  usageEventId: string | null;
}

/**
 * The data-modifying statements of a group of holds, as CTE bodies for the group's one write
 * statement (server/usage/usage-write.ts): new holds, resolved holds, and the wallet's held total
 * and next hold expiry.
 * One array parameter per column, so the statements' text does not depend on the group's size.
 */
export function holdWrites(orgId: string, created: NewReservation[], resolved: Resolution[], heldDeltaMicros: number): ShapedStatement[] {
  const writes: ShapedStatement[] = [];
  if (created.length > 0) {
    const column = (pick: (row: NewReservation) => unknown, type: string) => ({ values: created.map(pick), type });
    writes.push({
      shape: "holds-created",
      bindValues: (bind) => {
        const rows = unnestSelect(orgPrefix(bind(orgId)), [
          column((r) => r.id, "uuid"),
          column((r) => r.idempotencyKey, "text"),
          column((r) => r.amountMicros, "bigint"),
          column((r) => r.item, "text"),
          column((r) => r.priceVersionId, "uuid"),
          column((r) => r.attribution.departmentId, "uuid"),
          column((r) => r.attribution.projectId, "uuid"),
          column((r) => r.attribution.agentId, "uuid"),
          column((r) => r.attribution.userRef, "text"),
          column((r) => r.attribution.taskType, "text"),
          column((r) => r.attribution.workflow, "text"),
          column((r) => r.attribution.outcomeRef, "text"),
          column((r) => r.apiKeyId, "uuid"),
          column((r) => r.expiresAt.toISOString(), "timestamptz"),
          column((r) => r.budgetHolds, "jsonb"),
          column((r) => r.requestHash, "text"),
          column((r) => r.availableAfterMicros, "bigint"),
        ], bind);
        return () => sql`INSERT INTO ${reservations} (org_id, id, idempotency_key, amount_micros, item, price_version_id, department_id, project_id,
          agent_id, user_ref, task_type, workflow, outcome_ref, api_key_id, expires_at, budget_holds, request_hash, available_after_micros) ${rows()}`;
      },
    });
  }
  if (resolved.length > 0) {
    writes.push({
      shape: "holds-resolved",
      // Addressed by ctid: the only condition on the table itself, so the plan reads exactly these rows,
      // whatever plan the statement is given (on `org_id = $1`, a generic plan made before the table had
      // statistics read every hold of the organisation). The rows are locked by this transaction since
      // the lock read their addresses, so the addresses hold. The organisation and id are still matched,
      // as a join: OFFSET 0 keeps the values a subquery, so the organisation is not a condition on the table.
      bindValues: (bind) => {
        const rows = unnestSelect(
          orgPrefix(bind(orgId)),
          [
            { values: resolved.map((r) => r.id), type: "uuid" },
            { values: resolved.map((r) => r.status), type: allotType("reservation_status") },
            { values: resolved.map((r) => r.usageEventId), type: "uuid" },
          ],
          bind,
        );
        const addresses = bind(resolved.map((r) => r.rowAddress));
        return () => sql`UPDATE ${reservations} AS r SET status = s.status, resolved_at = now(), usage_event_id = s.usage_event_id
          FROM (${rows()} OFFSET 0) AS s (org_id, id, status, usage_event_id)
          WHERE r.ctid = ANY(${addresses}::tid[]) AND r.org_id = s.org_id AND r.id = s.id`;
      },
    });
  }
  if (heldDeltaMicros !== 0 || created.length > 0) {
    // The held total, and the wallet's next hold expiry lowered to the soonest new hold's (see markDueHoldsExpired).
    const soonest = created.length > 0 ? new Date(Math.min(...created.map((r) => r.expiresAt.getTime()))).toISOString() : null;
    writes.push({
      shape: "wallet-held",
      bindValues: (bind) => {
        const delta = bind(heldDeltaMicros);
        const expiry = bind(soonest);
        const org = bind(orgId);
        return () => sql`UPDATE ${creditWallets} SET held_micros = held_micros + ${delta}::bigint,
          next_hold_expiry_at = LEAST(next_hold_expiry_at, ${expiry}::timestamptz) WHERE org_id = ${org}::uuid`;
      },
    });
  }
  return writes;
}
