import { sql, type SQL } from "drizzle-orm";
import { usageEvents } from "../../db/schema";
import { systemAccountId } from "../ledger/accounts";
import { allocateBurn, type BurnableGrant } from "../ledger/burn-order";
import { ledgerInserts, type LedgerPosting } from "../ledger/post";
import { AppError } from "../lib/errors";
import { uuidv7 } from "../lib/ids";
import { shapeOf, type Bind, type BuildSql, type ShapedStatement } from "../lib/shaped-sql";
import { allotType, orgPrefix, unnestSelect } from "../lib/sql-arrays";
import type { NormalizedAction } from "../pricing/action";
import type { PricedAction } from "../pricing/price-book";
import type { Attribution } from "./attribution";
import { ROLLUP_SOURCE_COLUMNS, rollupUpserts } from "./rollup-write";

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
  /** The event answers for its idempotency key (server/usage/recorded-answers.ts): the request's hash, and what the answer said beyond the event. */
  requestHash: string;
  balanceAfterMicros: number;
  /** A settle's: what it gave back of its hold. */
  releasedMicros?: number;
}

/** What a caller is told about a recorded event — kept on the event, so a replay answers the same. */
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
 * The statement that writes events (each its own idempotency key's answer), their debits, their
 * rollups and the group's other writes (holds, budget totals) — ONE statement (one round trip, one
 * parameter per column whatever the batch size), sent with the COMMIT of a spending group: one ledger
 * posting pays for all the events (see `usagePosting`), each event naming it; the rollups read the
 * inserted rows (RETURNING), so they hold exactly what was committed. With no events, the other
 * writes (`alsoWrite`) still go in one statement. A shaped statement (server/lib/shaped-sql.ts): its text is rendered once per
 * combination of parts. Needs the wallet lock. Throws before anything is sent when the grants cannot pay.
 */
export function usageWrite(
  orgId: string,
  /** The organisation's time zone, for the daily rollup (the one its configuration was read with). */
  timeZone: string,
  grants: BurnableGrant[],
  events: PendingUsage[],
  /** More data-modifying statements to run as part of the same one (holds, budget totals). */
  alsoWrite: ShapedStatement[] = [],
): ShapedStatement {
  const posting = usagePosting(orgId, grants, events);
  const postingOf = (event: PendingUsage) => (posting && event.chargedMicros > 0 ? posting.id : null);
  const shape = [
    "usage-write",
    events.length > 0 ? "events" : "-",
    posting ? "ledger" : "-",
    shapeOf(alsoWrite),
  ].join(":");
  return {
    shape,
    bindValues: (bind) => {
      const eventRows = events.length > 0 ? eventsInsert(orgId, events, postingOf, bind) : null;
      const zone = events.length > 0 ? bind(timeZone) : null;
      const ledger = posting && ledgerInserts(orgId, [posting], bind);
      const parts = alsoWrite.map((part) => part.bindValues(bind));
      return () => {
        // Data-modifying CTEs must be at the statement's top level: every part is one of its CTEs.
        const ctes: SQL[] = [];
        if (eventRows && zone) {
          ctes.push(sql`events AS (${eventRows()})`);
          ctes.push(...rollupUpserts(sql`events`, zone).map((statement, i) => sql`${sql.raw(`rollup_${i}`)} AS (${statement})`));
        }
        if (ledger) {
          const { transactions, entries } = ledger();
          ctes.push(sql`transactions AS (${transactions})`, sql`entries AS (${entries})`);
        }
        for (const [i, part] of parts.entries()) ctes.push(sql`${sql.raw(`also_${i}`)} AS (${part()})`);
        return ctes.length > 0 ? sql`WITH ${sql.join(ctes, sql`, `)} SELECT 1` : sql`SELECT 1`;
      };
    },
  };
}

/**
 * The write's one ledger posting, or null when it charges nothing: the events' charges burned from
 * the grants (in burn order, mutating their balances, event after event — the same as burning the
 * total at once), summed per grant, against consumption.
 */
function usagePosting(orgId: string, grants: BurnableGrant[], events: PendingUsage[]): LedgerPosting | null {
  const chargedMicros = events.reduce((sum, event) => sum + event.chargedMicros, 0);
  if (chargedMicros === 0) return null;
  const allocations = allocateBurn(grants, chargedMicros);
  if (!allocations) throw new AppError("INSUFFICIENT_CREDITS", "Not enough credits are available");
  return {
    id: uuidv7(),
    kind: "usage",
    entries: [
      ...allocations.map((allocation) => ({ accountId: allocation.grantId, amountMicros: -allocation.amountMicros })),
      { accountId: systemAccountId(orgId, "consumption"), amountMicros: chargedMicros },
    ],
  };
}

/** The events' INSERT, returning what the rollups read. */
function eventsInsert(orgId: string, events: PendingUsage[], postingOf: (event: PendingUsage) => string | null, bind: Bind): BuildSql {
  const column = (pick: (event: PendingUsage) => unknown, type: string) => ({ values: events.map(pick), type });
  const rows = unnestSelect(
    orgPrefix(bind(orgId)),
    [
      column((e) => e.id, "uuid"),
      column((e) => e.idempotencyKey, "text"),
      column((e) => e.occurredAt.toISOString(), "timestamptz"),
      column((e) => e.action.kind, allotType("usage_kind")),
      column((e) => e.priced.pricedAs, "text"),
      column((e) => e.priced.priceVersionId, "uuid"),
      column((e) => e.action.tokens.inputTokens, "bigint"),
      column((e) => e.action.tokens.outputTokens, "bigint"),
      column((e) => e.action.tokens.cachedInputTokens, "bigint"),
      column((e) => e.action.tokens.cacheWriteTokens, "bigint"),
      column((e) => e.action.quantityMicros, "bigint"),
      column((e) => e.priced.costMicros, "bigint"),
      column((e) => e.chargedMicros, "bigint"),
      column((e) => e.attribution.departmentId, "uuid"),
      column((e) => e.attribution.projectId, "uuid"),
      column((e) => e.attribution.agentId, "uuid"),
      column((e) => e.attribution.userRef, "text"),
      column((e) => e.attribution.taskType, "text"),
      column((e) => e.attribution.workflow, "text"),
      column((e) => e.attribution.outcomeRef, "text"),
      column((e) => e.reservationId ?? null, "uuid"),
      column((e) => e.apiKeyId ?? null, "uuid"),
      column((e) => e.metadata ?? null, "jsonb"),
      column(postingOf, "uuid"),
      column((e) => e.requestHash, "text"),
      column((e) => e.balanceAfterMicros, "bigint"),
      column((e) => e.releasedMicros ?? null, "bigint"),
    ],
    bind,
  );
  return () => sql`INSERT INTO ${usageEvents} (org_id, id, idempotency_key, occurred_at, kind, item, price_version_id,
        input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, quantity_micros, cost_micros, charged_micros,
        department_id, project_id, agent_id, user_ref, task_type, workflow, outcome_ref, reservation_id, api_key_id, metadata,
        ledger_transaction_id, request_hash, balance_after_micros, released_micros)
      ${rows()} RETURNING ${ROLLUP_SOURCE_COLUMNS}`;
}
