import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { usageRollupsDaily } from "../../db/schema";
import { rebuildRollups } from "../../server/reports/rebuild-rollups";
import { spendTotals } from "../../server/reports/rollups";
import { verifyRollups } from "../../server/reports/verify-rollups";
import { callerFor, HOUR_MS } from "../support/budget-fixtures";
import { useConnections } from "../support/db-connections";
import { useTestDatabase } from "../support/database";
import { createReportOrg, type ReportOrg } from "../support/report-fixtures";

/**
 * The rollups are written in the usage statement itself; under random concurrent ingestion —
 * record, recordBatch, authorize + settle, each on its own PostgreSQL session — they must equal the
 * raw events' aggregates exactly (every hour, every local day, every dimension), and the totals
 * the callers were answered. The zone has a half-hour offset, so local days are not UTC hours'
 * multiples. Replay a failure with ALLOT_PROPERTY_SEED=<the seed printed below>.
 */
const db = useTestDatabase(4);
const PARALLEL = 8;
const connections = useConnections(PARALLEL);
const ZONE = "Asia/Kolkata";
const createRollupOrg = () => createReportOrg(db, ZONE);

const attributionArb = fc.record(
  {
    agent: fc.constantFrom("bot", "closer"),
    department: fc.constantFrom("support", "sales"),
    user: fc.constantFrom("ana@example.test", "ANA@example.test", "ben@example.test"),
    taskType: fc.constantFrom("triage", "reply"),
    workflow: fc.constantFrom("inbound", "nightly"),
  },
  { requiredKeys: [] },
);
// Events up to four days back, so they land in many hours and several local days.
const eventArb = fc.record({
  attribution: attributionArb,
  model: fc.constantFrom("test-small", "test-large"),
  inputTokens: fc.integer({ min: 0, max: 5_000 }),
  outputTokens: fc.integer({ min: 0, max: 2_000 }),
  minutesAgo: fc.integer({ min: 0, max: 4 * 24 * 60 }),
});
type Infer<A> = A extends fc.Arbitrary<infer T> ? T : never;
type EventSpec = Infer<typeof eventArb>;
const callArb = fc.oneof(
  fc.record({ kind: fc.constant("record" as const), events: fc.array(eventArb, { minLength: 1, maxLength: 1 }) }),
  fc.record({ kind: fc.constant("recordBatch" as const), events: fc.array(eventArb, { minLength: 1, maxLength: 25 }) }),
  fc.record({ kind: fc.constant("settle" as const), events: fc.array(eventArb, { minLength: 1, maxLength: 1 }) }),
);
type Call = Infer<typeof callArb>;

/** Agents imply their department: keep the attribution consistent so every call is accepted. */
function inputOf(spec: Omit<EventSpec, "attribution"> & { attribution: Partial<Record<keyof EventSpec["attribution"], string>> }, key: string, now: number) {
  const { department, ...rest } = spec.attribution;
  const attribution = rest.agent ? rest : { ...rest, department };
  return {
    idempotencyKey: key,
    timestamp: new Date(now - spec.minutesAgo * 60_000).toISOString(),
    model: spec.model,
    inputTokens: spec.inputTokens,
    outputTokens: spec.outputTokens,
    ...attribution,
  };
}

/** Runs one call; returns the events and charged credits it was answered (replays excluded). */
async function run(connection: Database, org: ReportOrg, call: Call, tag: string): Promise<{ events: number; chargedMicros: number }> {
  const api = callerFor(connection, org.principal).usage;
  const now = Date.now();
  const inputs = call.events.map((spec, i) => inputOf(spec, `${tag}-${i}`, now));
  if (call.kind === "record") {
    const answer = await api.record(inputs[0]!);
    return { events: 1, chargedMicros: answer.chargedMicros };
  }
  if (call.kind === "recordBatch") {
    const answer = await api.recordBatch({ events: inputs });
    return { events: answer.results.length, chargedMicros: answer.results.reduce((sum, r) => sum + r.chargedMicros, 0) };
  }
  const { idempotencyKey, timestamp, model, inputTokens, outputTokens, ...attribution } = inputs[0]!;
  const hold = await api.authorize({ idempotencyKey, model, inputTokens: inputTokens + 100, outputTokens: outputTokens + 100, ...attribution });
  const settled = await api.settle({ reservationId: hold.reservationId, timestamp, model, inputTokens, outputTokens });
  return { events: 1, chargedMicros: settled.chargedMicros };
}

/** The calendar day `offset` days from today (UTC date; the range is wide enough for any zone). */
const localDay = (offset: number) => new Date(Date.now() + offset * 24 * HOUR_MS).toISOString().slice(0, 10);

describe("usage rollups", () => {
  it("equal the raw events' aggregates exactly under random concurrent ingestion", async () => {
    const seed = Number(process.env.ALLOT_PROPERTY_SEED ?? Date.now() % 2_147_483_647);
    console.info(`rollups property: seed ${seed} (replay with ALLOT_PROPERTY_SEED=${seed})`);
    let runNumber = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(callArb, { minLength: 4, maxLength: 24 }), async (calls) => {
        const org = await createRollupOrg();
        runNumber++;
        const answered = await Promise.all(calls.map((call, i) => run(connections[i % PARALLEL]!, org, call, `r${runNumber}-c${i}`)));

        expect(await verifyRollups(db, org.orgId)).toEqual({ drifted: 0, sample: [] });
        const totals = await spendTotals(db, org.admin, { from: localDay(-6), to: localDay(1) });
        expect({ events: totals.events, chargedMicros: totals.chargedMicros }).toEqual({
          events: answered.reduce((sum, a) => sum + a.events, 0),
          chargedMicros: answered.reduce((sum, a) => sum + a.chargedMicros, 0),
        });
      }),
      { seed, numRuns: 6 },
    );
  });

  it("are rebuilt identically, re-bucketed when the time zone changes, and drift is reported", async () => {
    const org = await createRollupOrg();
    const api = callerFor(db, org.principal).usage;
    const now = Date.now();
    const events = Array.from({ length: 60 }, (_, i) =>
      inputOf({ attribution: { user: `u${i % 4}@example.test`, agent: i % 2 ? "bot" : "closer" }, model: "test-small", inputTokens: 100 + i, outputTokens: i, minutesAgo: i * 97 }, `tz-${i}`, now),
    );
    await api.recordBatch({ events });
    const dailyRows = () =>
      db.select().from(usageRollupsDaily).where(eq(usageRollupsDaily.orgId, org.orgId)).orderBy(usageRollupsDaily.day, usageRollupsDaily.userRef, usageRollupsDaily.agentId);
    const before = await dailyRows();

    await rebuildRollups(db, org.orgId);
    await rebuildRollups(db, org.orgId, { from: new Date(now - 30 * HOUR_MS), to: new Date(now - 5 * HOUR_MS) });
    expect(await dailyRows()).toEqual(before);

    await callerFor(db, org.admin).org.updateSettings({ timeZone: "America/Los_Angeles" });
    expect(await verifyRollups(db, org.orgId)).toEqual({ drifted: 0, sample: [] });
    expect(await dailyRows()).not.toEqual(before);

    const [first] = await dailyRows();
    await db
      .update(usageRollupsDaily)
      .set({ chargedMicros: sql`${usageRollupsDaily.chargedMicros} + 1` })
      .where(and(eq(usageRollupsDaily.orgId, org.orgId), eq(usageRollupsDaily.day, first!.day), eq(usageRollupsDaily.userRef, first!.userRef), eq(usageRollupsDaily.agentId, first!.agentId)));
    const drift = await verifyRollups(db, org.orgId, { from: new Date(now - 10 * 24 * HOUR_MS) });
    expect(drift.drifted).toBe(1);
    expect(drift.sample[0]).toMatchObject({ grain: "daily", bucket: first!.day });
    expect(Number(drift.sample[0]!.actual!.charged_micros) - Number(drift.sample[0]!.expected!.charged_micros)).toBe(1);

    await rebuildRollups(db, org.orgId, { from: new Date(`${first!.day}T12:00:00Z`), to: new Date(`${first!.day}T13:00:00Z`) });
    expect(await verifyRollups(db, org.orgId)).toEqual({ drifted: 0, sample: [] });
  });
});
