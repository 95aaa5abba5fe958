import { and, eq, inArray } from "drizzle-orm";
import { agents, outcomeMetrics, outcomeRecords } from "../../db/schema";
import { withTransaction, type DbOrTx, type Transaction } from "../../db/transaction";
import { actorMemberIdOf, type Principal } from "../auth/principal";
import { dbNow } from "../lib/db-clock";
import { formatScaled, toScaledInteger, toSafeNumber } from "../lib/decimal";
import { AppError, invalidInput } from "../lib/errors";
import { hashPayload } from "../lib/hash";
import { uuidv7 } from "../lib/ids";
import { departmentScopeOf, inScope } from "../reports/department-scope";
import { occurredAtOf } from "../usage/occurred-at";
import type { OutcomeRecordInput } from "./outcome-input";

export interface RecordedOutcome {
  outcomeId: string;
  metric: string;
  departmentId: string;
  agentId: string | null;
  occurredAt: string;
  quantityMicros: number;
  valuePerUnitMinor: number;
  /** quantity × value per unit, exact, in minor units ("1200.5"). */
  valueMinor: string;
  replay: boolean;
}

type StoredRow = typeof outcomeRecords.$inferSelect & { metricSlug: string };

const answerOf = (row: StoredRow, replay: boolean): RecordedOutcome => ({
  outcomeId: row.id,
  metric: row.metricSlug,
  departmentId: row.departmentId,
  agentId: row.agentId,
  occurredAt: row.occurredAt.toISOString(),
  quantityMicros: row.quantityMicros,
  valuePerUnitMinor: row.valuePerUnitMinor,
  valueMinor: formatScaled(BigInt(row.quantityMicros) * BigInt(row.valuePerUnitMinor), 6),
  replay,
});

/** What the idempotency hash covers: the request as normalised (a quantity of "2.50" equals 2.5). */
function normalise(input: OutcomeRecordInput, index: number) {
  const quantity = toScaledInteger(input.quantity, 6, "quantity");
  if (quantity <= 0n) throw invalidInput("quantity must be positive", { index });
  const quantityMicros = toSafeNumber(quantity, "quantity");
  const payload = { metric: input.metric, quantityMicros, agent: input.agent ?? null, timestamp: input.timestamp ?? null, note: input.note ?? null };
  return { input, quantityMicros, requestHash: hashPayload(payload) };
}

async function storedByKey(db: DbOrTx, orgId: string, keys: string[]): Promise<Map<string, StoredRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ record: outcomeRecords, metricSlug: outcomeMetrics.slug })
    .from(outcomeRecords)
    .innerJoin(outcomeMetrics, and(eq(outcomeMetrics.orgId, outcomeRecords.orgId), eq(outcomeMetrics.id, outcomeRecords.metricId)))
    .where(and(eq(outcomeRecords.orgId, orgId), inArray(outcomeRecords.idempotencyKey, keys)));
  return new Map(rows.map(({ record, metricSlug }) => [record.idempotencyKey, { ...record, metricSlug }]));
}

function replayOrConflict(stored: StoredRow, requestHash: string, index: number): RecordedOutcome {
  if (stored.requestHash !== requestHash) {
    throw new AppError("IDEMPOTENCY_CONFLICT", `Idempotency key "${stored.idempotencyKey}" was already used with a different payload`, {
      idempotencyKey: stored.idempotencyKey,
      index,
    });
  }
  return answerOf(stored, true);
}

/**
 * Records outcomes, idempotently per organisation: a key already used with the same payload gets
 * the first answer back (`replay: true`), with another payload IDEMPOTENCY_CONFLICT. All or
 * nothing; set-based (one insert whatever the number). A unique key on (org, idempotency key) makes
 * concurrent duplicates safe: the loser of the race reads the winner's row and answers as a retry.
 *
 * Who: API keys with usage:write (a department key only for its department's metrics);
 * administrators for any department; department heads for their own.
 */
export async function recordOutcomes(handle: DbOrTx, principal: Principal, inputs: OutcomeRecordInput[]): Promise<RecordedOutcome[]> {
  return withTransaction(handle, (tx) => recordIn(tx, principal, inputs));
}

async function recordIn(db: Transaction, principal: Principal, inputs: OutcomeRecordInput[]): Promise<RecordedOutcome[]> {
  const normalised = inputs.map((input, index) => normalise(input, index));
  const keys = normalised.map((n) => n.input.idempotencyKey);
  if (new Set(keys).size !== keys.length) throw invalidInput("Each outcome in one call needs its own idempotency key");

  const stored = await storedByKey(db, principal.orgId, keys);
  const answers: (RecordedOutcome | undefined)[] = normalised.map((n, index) => {
    const previous = stored.get(n.input.idempotencyKey);
    return previous ? replayOrConflict(previous, n.requestHash, index) : undefined;
  });
  const fresh = normalised.map((n, index) => ({ ...n, index })).filter((n) => !answers[n.index]);
  if (fresh.length === 0) return answers as RecordedOutcome[];

  const [metricRows, agentRows, now] = await Promise.all([
    db.select().from(outcomeMetrics).where(and(eq(outcomeMetrics.orgId, principal.orgId), inArray(outcomeMetrics.slug, fresh.map((n) => n.input.metric)))),
    db
      .select()
      .from(agents)
      .where(and(eq(agents.orgId, principal.orgId), inArray(agents.slug, fresh.flatMap((n) => (n.input.agent ? [n.input.agent] : []))))),
    dbNow(db),
  ]);
  const metrics = new Map(metricRows.map((row) => [row.slug, row]));
  const agentsBySlug = new Map(agentRows.map((row) => [row.slug, row]));
  const scope = departmentScopeOf(principal);
  const rows = fresh.map(({ input, quantityMicros, requestHash, index }) => {
    const metric = metrics.get(input.metric);
    if (!metric) throw new AppError("NOT_FOUND", `Outcome metric "${input.metric}" is not defined in this organisation`, { index, metric: input.metric });
    if (metric.archivedAt) throw invalidInput(`Outcome metric "${input.metric}" is archived`, { index });
    if (!inScope(scope, metric.departmentId)) {
      throw new AppError("FORBIDDEN", `You may not record outcomes for the department of "${input.metric}"`, { index });
    }
    const agent = input.agent ? agentsBySlug.get(input.agent) : undefined;
    if (input.agent && !agent) throw new AppError("NOT_FOUND", `Agent "${input.agent}" is not registered in this organisation`, { index, agent: input.agent });
    if (agent && agent.departmentId !== metric.departmentId) {
      throw invalidInput(`Agent "${input.agent}" belongs to another department than metric "${input.metric}"`, { index });
    }
    return {
      orgId: principal.orgId,
      id: uuidv7(),
      idempotencyKey: input.idempotencyKey,
      requestHash,
      metricId: metric.id,
      departmentId: metric.departmentId,
      agentId: agent?.id ?? null,
      occurredAt: occurredAtOf(input, now, index),
      quantityMicros,
      valuePerUnitMinor: metric.valuePerUnitMinor,
      source: principal.kind === "apiKey" ? ("api" as const) : ("manual" as const),
      apiKeyId: principal.kind === "apiKey" ? principal.apiKeyId : null,
      memberId: actorMemberIdOf(principal),
      note: input.note ?? null,
    };
  });

  const inserted = await db.insert(outcomeRecords).values(rows).onConflictDoNothing().returning();
  const insertedKeys = new Set(inserted.map((row) => row.idempotencyKey));
  // Keys another request recorded between our read and our insert: answered as that request's retry.
  const racedKeys = rows.filter((row) => !insertedKeys.has(row.idempotencyKey)).map((row) => row.idempotencyKey);
  const raced = await storedByKey(db, principal.orgId, racedKeys);
  fresh.forEach(({ input, requestHash, index }, position) => {
    const row = rows[position]!;
    const racedRow = raced.get(input.idempotencyKey);
    answers[index] = racedRow
      ? replayOrConflict(racedRow, requestHash, index)
      : answerOf({ ...row, recordedAt: new Date(), metricSlug: input.metric }, false);
  });
  return answers as RecordedOutcome[];
}
