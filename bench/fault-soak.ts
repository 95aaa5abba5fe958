import { isDeepStrictEqual } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { createDatabase, type Database } from "../db/client";
import { budgetPeriods, budgets, reservations, usageEvents } from "../db/schema";
import { getCreditBalance } from "../server/ledger/balance";
import { verifyLedger } from "../server/ledger/verify";
import { verifyRollups } from "../server/reports/verify-rollups";
import { buildApp, startApp, type AppServer } from "./lib/app-server";
import { freshBenchDatabase } from "./lib/database-server";
import { benchEvent, createBenchOrg, GRANT_MICROS, type BenchOrg } from "./lib/setup";
import { ApiCallError, CallTimeoutError, callProcedure } from "./lib/trpc-http";

/**
 * `npm run bench:soak`: the fault soak. Clients record usage (single events, batches, and
 * authorize + settle pairs) against the production server while a chaos loop SIGKILLs the server
 * (restarting it) and terminates the server's PostgreSQL backends. Afterwards every request is
 * replayed with its idempotency keys, and the soak proves:
 * - every answer given before a fault is given again, identically (nothing doubled);
 * - every event sent is in the database exactly once (nothing acknowledged lost; unanswered ones
 *   land on replay);
 * - the ledger and the usage rollups verify clean, the balance equals the grant minus what the events charged, the
 *   budgets count exactly the events, and no hold is left behind.
 * Options (env): SOAK_SECONDS (default 60), SOAK_CLIENTS (default 16), BENCH_REUSE_BUILD=1.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 16);
const BATCH = 25;

type Step = { kind: "query" | "mutation"; procedure: string; input: unknown };

/** One unit of client work: its steps run in order; `answers` holds what was acknowledged. */
interface Request {
  events: number;
  steps: (previous: unknown[]) => Step;
  stepCount: number;
  answers: unknown[];
}

const stats = { acknowledged: 0, unanswered: 0, timedOut: 0, kills: 0, terminatedBackends: 0, terminations: 0, crashes: 0, replayRetries: 0 };

/** A call a live server leaves unanswered this long is stuck, not slow: the soak reports it rather than waiting for ever. */
const CALL_TIMEOUT_MS = 30_000;

/**
 * The replay calls as a client would: a 5xx or a dropped connection is tried again, with the same
 * idempotency keys (the last fault may have hit just before the replay began: a backend terminated
 * under a pooled connection the server has not yet seen close). A call left unanswered is not: a
 * hang fails the soak. How many were retried is reported.
 */
const REPLAY_ATTEMPTS = 3;
async function replayCall(url: string, apiKey: string, step: Step): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callProcedure(url, apiKey, step.kind, step.procedure, step.input, { timeoutMs: CALL_TIMEOUT_MS });
    } catch (error) {
      const transient = !(error instanceof CallTimeoutError) && !(error instanceof ApiCallError && error.status < 500);
      if (!transient || attempt >= REPLAY_ATTEMPTS) throw error;
      stats.replayRetries++;
      await pause(500);
    }
  }
}

function requestFor(client: number, n: number): Request {
  const key = `soak-${client}-${n}`;
  switch (n % 3) {
    case 0:
      return { events: 1, stepCount: 1, answers: [], steps: () => ({ kind: "mutation", procedure: "usage.record", input: benchEvent(key) }) };
    case 1: {
      const events = Array.from({ length: BATCH }, (_, i) => benchEvent(`${key}-${i}`));
      return { events: BATCH, stepCount: 1, answers: [], steps: () => ({ kind: "mutation", procedure: "usage.recordBatch", input: { events } }) };
    }
    default:
      return {
        events: 1,
        stepCount: 2,
        answers: [],
        steps: (previous) =>
          previous.length === 0
            ? { kind: "mutation", procedure: "usage.authorize", input: { idempotencyKey: key, model: "bench-model", inputTokens: 1500, outputTokens: 500, agent: "bench-agent" } }
            : {
                kind: "mutation",
                procedure: "usage.settle",
                input: { reservationId: (previous[0] as { reservationId: string }).reservationId, model: "bench-model", inputTokens: 1200, outputTokens: 300 },
              },
      };
  }
}

/** Runs a request's remaining steps; returns false when a step went unanswered (the fault ate it). */
async function advance(app: () => AppServer, org: BenchOrg, request: Request): Promise<boolean> {
  while (request.answers.length < request.stepCount) {
    const step = request.steps(request.answers);
    try {
      request.answers.push(await callProcedure(app().url, org.apiKey, step.kind, step.procedure, step.input, { timeoutMs: CALL_TIMEOUT_MS }));
      stats.acknowledged++;
    } catch (error) {
      stats.unanswered++;
      if (error instanceof CallTimeoutError) stats.timedOut++;
      return false;
    }
  }
  return true;
}

async function main() {
  const database = await freshBenchDatabase("allot-soak");
  const db = createDatabase({ url: database.url, max: 2, applicationName: "allot-soak" });
  const chaosClient = postgres(database.url, { max: 1, connection: { application_name: "allot-soak-chaos" }, onnotice: () => {} });
  let server: AppServer | undefined;
  try {
    console.log("Building the app (production)…");
    buildApp(process.env.BENCH_REUSE_BUILD === "1");
    const org = await createBenchOrg(db, "soak", 3);
    server = await startApp(database.url);
    const current = () => server!;
    const sent: Request[] = [];

    console.log(`Soaking for ${SECONDS} s: ${CLIENTS} clients, the server SIGKILLed and its database backends terminated every few seconds…`);
    const deadline = Date.now() + SECONDS * 1000;
    let restarting: Promise<void> | null = null;
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; Date.now() < deadline; n++) {
        if (restarting) await restarting;
        const request = requestFor(client, n);
        sent.push(request);
        if (!(await advance(current, org, request))) await pause(100);
      }
    });
    // A crash mid-request (or a server found stopped on its own): SIGKILL, then the clients wait for the restart (as a load balancer would).
    const restart = async () => {
      let restarted!: () => void;
      restarting = new Promise((resolve) => (restarted = resolve));
      try {
        await server!.kill();
        server = await startApp(database.url);
      } finally {
        // Should the restart fail, the clients must not wait for it for ever (the soak then fails with its error).
        restarting = null;
        restarted();
      }
    };
    const restartIfCrashed = async () => {
      if (server!.running()) return;
      stats.crashes++;
      await restart();
    };
    const chaos = (async () => {
      for (let round = 0; Date.now() < deadline - 3_000; round++) {
        await pause(2_000 + Math.random() * 3_000);
        await restartIfCrashed();
        if (round % 2 === 0) {
          const [row] = await chaosClient<{ count: number }[]>`
            SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type = 'client backend'
              AND application_name NOT IN ('allot-soak', 'allot-soak-chaos')`;
          stats.terminations++;
          stats.terminatedBackends += row?.count ?? 0;
        } else {
          await restart();
          stats.kills++;
        }
      }
    })();
    await Promise.all([...clients, chaos]);
    await restartIfCrashed();

    console.log("Replaying every request with its idempotency keys…");
    const acknowledgedBefore = sent.map((request) => [...request.answers]);
    const unfinished = sent.filter((request) => request.answers.length < request.stepCount).length;
    let mismatched = 0;
    await inParallel(sent, 16, async (request, index) => {
      const replayed: unknown[] = [];
      for (let step = 0; step < request.stepCount; step++) {
        replayed.push(await replayCall(current().url, org.apiKey, request.steps(replayed)));
      }
      for (const [step, answer] of acknowledgedBefore[index]!.entries()) {
        if (!isSameAnswer(answer, replayed[step])) mismatched++;
      }
    }).catch(async (error: unknown) => {
      // Nothing is faulted any more: say what the database was doing, for whoever reads the failure.
      console.error(`The replay failed (${String(error)}). The database's sessions and waiting locks:`);
      console.error(await chaosClient`SELECT pid, application_name, state, wait_event_type, wait_event, xact_start, left(query, 120) AS query
        FROM pg_stat_activity WHERE datname = current_database()`);
      console.error(await chaosClient`SELECT pid, locktype, relation::regclass::text AS relation, mode FROM pg_locks WHERE NOT granted`);
      throw error;
    });

    const expectedEvents = sent.reduce((sum, request) => sum + request.events, 0);
    const checks = [
      // A timed-out call during the faults may be one the chaos stranded; one the server never answers is a hang.
      // A fault costs the calls it cuts off; the server itself must survive everything but a SIGKILL.
      { name: "the server never stopped on its own", ok: stats.crashes === 0, detail: `${stats.crashes} times found stopped by something other than the soak's SIGKILL` },
      { name: "no call left hanging", ok: stats.timedOut === 0, detail: `${stats.timedOut} calls had no answer within ${CALL_TIMEOUT_MS / 1000} s` },
      ...(await checkOutcome(db, org, expectedEvents, mismatched)),
    ];
    const report = {
      at: new Date().toISOString(),
      seconds: SECONDS,
      clients: CLIENTS,
      requests: sent.length,
      events: expectedEvents,
      ...stats,
      unfinishedBeforeReplay: unfinished,
      checks,
    };
    console.log(`\n${sent.length} requests (${expectedEvents} events): ${stats.acknowledged} answers, ${stats.unanswered} lost to faults and replayed (${unfinished} requests).`);
    console.log(`Faults: ${stats.kills} server SIGKILLs, ${stats.terminations} rounds terminating ${stats.terminatedBackends} database backends.`);
    console.log(`Replay: ${stats.replayRetries} calls tried again after a 5xx or a dropped connection.`);
    for (const check of checks) console.log(`${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.detail}`);
    fs.mkdirSync(path.join("bench", "results"), { recursive: true });
    fs.writeFileSync(path.join("bench", "results", "fault-soak.json"), `${JSON.stringify(report, null, 2)}\n`);
    if (checks.some((check) => !check.ok) || stats.kills === 0 || stats.terminations === 0) process.exitCode = 1;
  } finally {
    await server?.stop();
    await chaosClient.end();
    await db.$client.end({ timeout: 5 });
    await database.dispose();
  }
}

async function checkOutcome(db: Database, org: BenchOrg, expectedEvents: number, mismatched: number) {
  const [events] = await db
    .select({ count: sql<number>`count(*)::int`, distinctKeys: sql<number>`count(DISTINCT ${usageEvents.idempotencyKey})::int`, charged: sql<string>`coalesce(sum(${usageEvents.chargedMicros}), 0)::text` })
    .from(usageEvents)
    .where(eq(usageEvents.orgId, org.orgId));
  const charged = BigInt(events!.charged);
  const balance = await getCreditBalance(db, org.orgId);
  const drift = await verifyLedger(db, org.orgId);
  const rollups = await verifyRollups(db, org.orgId);
  const active = await db.$count(reservations, and(eq(reservations.orgId, org.orgId), eq(reservations.status, "active")));
  const periods = await db
    .select({ name: budgets.name, spent: budgetPeriods.spentMicros, held: budgetPeriods.heldMicros })
    .from(budgetPeriods)
    .innerJoin(budgets, and(eq(budgets.orgId, budgetPeriods.orgId), eq(budgets.id, budgetPeriods.budgetId)))
    .where(eq(budgetPeriods.orgId, org.orgId));
  const spentBy = (name: string) => periods.filter((p) => p.name === name).reduce((sum, p) => sum + BigInt(p.spent), 0n);
  return [
    { name: "answers replay identically", ok: mismatched === 0, detail: `${mismatched} answers differed on replay` },
    { name: "every event exactly once", ok: events!.count === expectedEvents && events!.distinctKeys === expectedEvents, detail: `${events!.count} events, ${events!.distinctKeys} distinct keys, ${expectedEvents} sent` },
    { name: "ledger", ok: drift.length === 0, detail: `${drift.length} drifts` },
    { name: "rollups equal the events", ok: rollups.drifted === 0, detail: `${rollups.drifted} rollup rows drifted` },
    {
      name: "balance = grant − charged",
      ok: BigInt(balance.postedMicros) === BigInt(GRANT_MICROS) - charged && balance.heldMicros === 0,
      detail: `posted ${balance.postedMicros}, held ${balance.heldMicros}, grant − charged ${BigInt(GRANT_MICROS) - charged}`,
    },
    { name: "no hold left", ok: active === 0, detail: `${active} active reservations` },
    {
      name: "budgets count every event once",
      ok: ["Organisation", "Support", "Agent"].every((name) => spentBy(name) === charged) && periods.every((p) => p.held === 0),
      detail: `organisation ${spentBy("Organisation")}, department ${spentBy("Support")}, agent ${spentBy("Agent")}, events charged ${charged}`,
    },
  ];
}

/**
 * A replay of an acknowledged call gives the first answer back, marked as a replay: the same event
 * ids, costs and balances; `replay: true` on every event; a batch's `totalCostMicros` (what the call
 * newly recorded) is 0. Anything else means the call had a second effect or lost its first.
 */
function isSameAnswer(first: unknown, replayed: unknown): boolean {
  const events = (answer: unknown): Record<string, unknown>[] => {
    const body = answer as { results?: Record<string, unknown>[] } & Record<string, unknown>;
    return body.results ?? [body];
  };
  const strip = ({ replay: _replay, ...rest }: Record<string, unknown>) => rest;
  const before = events(first);
  const after = events(replayed);
  const newlyCharged = (replayed as { totalCostMicros?: number }).totalCostMicros ?? 0;
  return (
    newlyCharged === 0 &&
    after.every((event) => event.replay === true) &&
    isDeepStrictEqual(before.map(strip), after.map(strip))
  );
}

async function inParallel<T>(items: T[], width: number, run: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await run(items[index]!, index);
      }
    }),
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await main();
