import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createDatabase } from "../db/client";
import { reservations, usageEvents } from "../db/schema";
import { verifyLedger } from "../server/ledger/verify";
import { env } from "../server/env";
import { buildApp, startApp } from "./lib/app-server";
import { freshBenchDatabase } from "./lib/database-server";
import { startCpuMeter, type CpuPerUnit } from "./lib/cpu-meter";
import { runLoad, runOpenLoad, type LoadResult } from "./lib/load";
import { pauseMonitoring, pausesBetween, type ProcessPauses, type ServerPauses } from "./lib/pauses";
import { HISTORY_EVENTS, HISTORY_HOLDS, seedHistory } from "./lib/history";
import { startNoOpServer } from "./lib/no-op";
import { benchEvent, createBenchOrg, type BenchOrg } from "./lib/setup";
import { round, summarize } from "./lib/stats";
import { ApiCallError, callProcedure } from "./lib/trpc-http";
import { createApiKey } from "../server/api-keys/api-keys";

/**
 * `npm run bench`: builds and starts the app in production mode against a fresh database and
 * measures the metering API over HTTP with real API keys, next to PostgreSQL's own insert rate on
 * this machine. Checks correctness after each phase. Writes bench/results/latest.json.
 * Options (env): BENCH_SECONDS (per phase, default 20), BENCH_CLIENTS (default 32), BENCH_REUSE_BUILD=1,
 * BENCH_ONLY (comma-separated phases, see PHASES; a partial run prints its table and writes no file),
 * BENCH_PAUSES=1 (what paused the server's processes in each phase: bench/lib/pause-monitor.cjs),
 * BENCH_OUTPUT (where a full run writes its report instead of bench/results/latest.json),
 * BENCH_DIST_DIR (run another build than .next-bench).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** The open loops and the read phases: half a phase, at least 5 s for their tails, never longer than a phase. */
const SHORT_SECONDS = Math.min(SECONDS, Math.max(5, SECONDS / 2));
const OUTPUT = process.env.BENCH_OUTPUT ?? path.join("bench", "results", "latest.json");
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const BATCH = 500;
const SPREAD_ORGS = 50;
const RATE_LIMIT = 20;
const ESTIMATE_INPUT = { model: "bench-model", inputTokens: 1000, outputTokens: 200 };

const PHASES = ["floor", "record", "batch", "holds", "estimate", "status", "spread", "ratelimit"] as const;
const only = process.env.BENCH_ONLY?.split(",")
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of only ?? []) {
  if (!(PHASES as readonly string[]).includes(name)) throw new Error(`BENCH_ONLY: unknown phase "${name}" (phases: ${PHASES.join(", ")})`);
}
/** Whether a phase is part of this run (all of them unless BENCH_ONLY names some). */
const runs = (phase: (typeof PHASES)[number]) => !only || only.includes(phase);

/** A phase's load, with the CPU time each part spent per unit of work and when it ran (wall clock, ms). */
type MeasuredLoad = LoadResult & { cpu: CpuPerUnit; ran: { from: number; to: number } };

async function measuredLoad(serverCpuMs: () => number, options: Parameters<typeof runLoad>[0]): Promise<MeasuredLoad> {
  const from = Date.now();
  const stop = startCpuMeter(serverCpuMs);
  const result = await runLoad(options);
  return { ...result, cpu: stop(result.units), ran: { from, to: Date.now() } };
}

/**
 * The steady loads latency is measured at: open loops at a half and at a quarter of the throughput
 * the phase's closed loop reached (its capacity here). The closed loop's own latencies are those of
 * a saturated server — each call waits for the 31 in front of it — so they measure the queue, not
 * the call. Two loads tell a latency that grows with load (queueing for the cores the server, the
 * database and the generator share) from one that does not (the call's own work and round trips).
 */
const OPEN_LOADS = [
  { share: 1 / 2, name: "half load", tag: "h" },
  { share: 1 / 4, name: "quarter load", tag: "q" },
] as const;
type OpenLoad = (typeof OPEN_LOADS)[number];

async function measuredAtLoad(
  serverCpuMs: () => number,
  capacity: MeasuredLoad,
  load: OpenLoad,
  call: (n: number, scheduledAt: number) => Promise<number>,
): Promise<MeasuredLoad & { ratePerSecond: number }> {
  const ratePerSecond = Math.max(1, Math.round(capacity.perSecond * load.share));
  const from = Date.now();
  const stop = startCpuMeter(serverCpuMs);
  const result = await runOpenLoad({ ratePerSecond, seconds: SHORT_SECONDS, call });
  return { ...result, cpu: stop(result.units), ran: { from, to: Date.now() }, ratePerSecond };
}

/** A target the issue sets — reported, never failing the run: its words, and whether a phase's result met it (null: cannot tell). */
interface Target {
  text: string;
  met: (result: MeasuredLoad, floor?: MeasuredLoad) => boolean | null;
}

const atLeastPerSecond = (perSecond: number): Target => ({ text: `≥ ${perSecond.toLocaleString("en-US")}/s`, met: (result) => result.perSecond >= perSecond });
const p99AtMost = (ms: number): Target => ({ text: `p99 ≤ ${ms} ms`, met: (result) => result.latency.p99 <= ms });
const BATCH_TARGET: Target = {
  text: "≥ 20,000/s and ≥ 50 % of floor",
  met: (result, floor) => (floor ? result.perSecond >= 20_000 && result.perSecond >= floor.perSecond / 2 : null),
};

interface Phase {
  name: string;
  result: MeasuredLoad;
  unit: string;
  target?: Target;
}

async function main() {
  const database = await freshBenchDatabase("allot-bench");
  const { url } = database;
  const db = createDatabase({ url, max: 4, applicationName: "allot-bench" });
  const phases: Phase[] = [];
  const checks: { phase: string; ok: boolean; detail: string }[] = [];
  try {
    const pauses = pauseMonitoring();
    console.log("Building the app (production)…");
    buildApp(process.env.BENCH_REUSE_BUILD === "1");
    console.log("Creating organisations…");
    const hot = await createBenchOrg(db, "hot", 3);
    const spread: BenchOrg[] = [];
    for (let i = 0; runs("spread") && i < SPREAD_ORGS; i++) spread.push(await createBenchOrg(db, `spread-${i}`, 3));
    // BENCH_HISTORY=0 measures a new deployment's first minute instead: every table empty, no statistics.
    if (process.env.BENCH_HISTORY !== "0") {
      console.log(`Giving the database a history (${HISTORY_HOLDS} holds, ${HISTORY_EVENTS} more events) and statistics…`);
      await seedHistory(db);
    }

    let floor: MeasuredLoad | undefined;
    if (runs("floor")) {
      console.log(`Floor: raw INSERTs, ${CLIENTS} connections, ${SECONDS} s…`);
      floor = await measureFloor(url);
      phases.push({ name: "floor: raw INSERT (postgres.js)", result: floor, unit: "rows/s" });
    }

    const app = await startApp(url, { DATABASE_POOL_MAX: String(Math.min(CLIENTS, 40)), ...pauses?.env });
    try {
      const call = <T>(org: BenchOrg, kind: "query" | "mutation", procedure: string, input?: unknown) =>
        callProcedure<T>(app.url, org.apiKey, kind, procedure, input);
      let recorded = 0;

      if (runs("record")) {
        console.log("usage.record, one hot organisation…");
        const record = await measuredLoad(app.cpuMs, {
          clients: CLIENTS,
          seconds: SECONDS,
          call: async (client, n) => {
            await call(hot, "mutation", "usage.record", benchEvent(`r-${client}-${n}`));
            return 1;
          },
        });
        recorded += record.ok;
        phases.push({ name: "usage.record (1 hot org, 3 budgets)", result: record, unit: "events/s", target: atLeastPerSecond(3_000) });
        for (const load of OPEN_LOADS) {
          const steady = await measuredAtLoad(app.cpuMs, record, load, async (n) => {
            await call(hot, "mutation", "usage.record", benchEvent(`ro-${load.tag}-${n}`));
            return 1;
          });
          recorded += steady.ok;
          phases.push({ name: `usage.record at ${steady.ratePerSecond}/s (${load.name}, open loop)`, result: steady, unit: "events/s", target: p99AtMost(25) });
        }
        checks.push(await checkOrg(db, hot, recorded, "usage.record"));
      }

      if (runs("batch")) {
        console.log(`usage.recordBatch of ${BATCH}…`);
        const batch = await measuredLoad(app.cpuMs, {
          clients: 4,
          seconds: SECONDS,
          call: async (client, n) => {
            const events = Array.from({ length: BATCH }, (_, i) => benchEvent(`b-${client}-${n}-${i}`));
            await call(hot, "mutation", "usage.recordBatch", { events });
            return BATCH;
          },
        });
        recorded += batch.ok * BATCH;
        phases.push({ name: `usage.recordBatch (${BATCH} events, 4 clients)`, result: batch, unit: "events/s", target: BATCH_TARGET });
        checks.push(await checkOrg(db, hot, recorded, "usage.recordBatch"));
      }

      if (runs("holds")) {
        console.log("usage.authorize + usage.settle…");
        /** An authorize and its settle; the authorize's latency (from `since`) goes to `authorizeMs`. */
        const pair = async (key: string, since: number, authorizeMs: number[]) => {
          const hold = await call<{ reservationId: string }>(hot, "mutation", "usage.authorize", {
            idempotencyKey: key,
            model: "bench-model",
            inputTokens: 1500,
            outputTokens: 500,
            agent: "bench-agent",
          });
          authorizeMs.push(performance.now() - since);
          await call(hot, "mutation", "usage.settle", { reservationId: hold.reservationId, model: "bench-model", inputTokens: 1200, outputTokens: 300 });
          return 1;
        };
        const authorizeMs: number[] = [];
        const pairs = await measuredLoad(app.cpuMs, { clients: CLIENTS, seconds: SECONDS, call: (client, n) => pair(`a-${client}-${n}`, performance.now(), authorizeMs) });
        recorded += pairs.ok;
        phases.push({ name: "usage.authorize + usage.settle (pair)", result: pairs, unit: "pairs/s" });
        phases.push({ name: "usage.authorize (within the pairs)", result: { ...pairs, latency: summarize(authorizeMs) }, unit: "holds/s" });
        for (const load of OPEN_LOADS) {
          const steadyAuthorizeMs: number[] = [];
          const steady = await measuredAtLoad(app.cpuMs, pairs, load, (n, scheduledAt) => pair(`ao-${load.tag}-${n}`, scheduledAt, steadyAuthorizeMs));
          recorded += steady.ok;
          phases.push({
            name: `usage.authorize at ${steady.ratePerSecond} pairs/s (${load.name}, open loop)`,
            result: { ...steady, latency: summarize(steadyAuthorizeMs) },
            unit: "holds/s",
            target: p99AtMost(10),
          });
        }
        checks.push(await checkOrg(db, hot, recorded, "authorize + settle"));
      }

      if (runs("estimate")) {
        console.log("pricing.estimate…");
        const estimateOnce = async () => {
          await call(hot, "query", "pricing.estimate", ESTIMATE_INPUT);
          return 1;
        };
        const estimate = await measuredLoad(app.cpuMs, { clients: CLIENTS, seconds: SHORT_SECONDS, call: estimateOnce });
        phases.push({ name: "pricing.estimate", result: estimate, unit: "calls/s" });
        for (const load of OPEN_LOADS) {
          const steady = await measuredAtLoad(app.cpuMs, estimate, load, estimateOnce);
          phases.push({ name: `pricing.estimate at ${steady.ratePerSecond}/s (${load.name}, open loop)`, result: steady, unit: "calls/s", target: p99AtMost(5) });
        }
        // The latency floor: the same calls at the same rates to a server that answers at once.
        const noOp = await startNoOpServer();
        try {
          for (const load of OPEN_LOADS) {
            const steady = await measuredAtLoad(noOp.cpuMs, estimate, load, async () => {
              await callProcedure(noOp.url, hot.apiKey, "query", "pricing.estimate", ESTIMATE_INPUT);
              return 1;
            });
            phases.push({ name: `latency floor: a no-op HTTP server at ${steady.ratePerSecond}/s (the estimates' ${load.name}, open loop)`, result: steady, unit: "calls/s" });
          }
        } finally {
          await noOp.stop();
        }
      }

      if (runs("status")) {
        console.log("budgets.status…");
        const statusOnce = async () => {
          await call(hot, "query", "budgets.status", { agent: "bench-agent" });
          return 1;
        };
        const status = await measuredLoad(app.cpuMs, { clients: CLIENTS, seconds: SHORT_SECONDS, call: statusOnce });
        phases.push({ name: "budgets.status", result: status, unit: "calls/s" });
        for (const load of OPEN_LOADS) {
          const steady = await measuredAtLoad(app.cpuMs, status, load, statusOnce);
          phases.push({ name: `budgets.status at ${steady.ratePerSecond}/s (${load.name}, open loop)`, result: steady, unit: "calls/s", target: p99AtMost(5) });
        }
      }

      if (runs("spread")) {
        console.log(`usage.record spread over ${SPREAD_ORGS} organisations…`);
        const counts = new Map<string, number>();
        const spreadResult = await measuredLoad(app.cpuMs, {
          clients: CLIENTS,
          seconds: SECONDS,
          call: async (client, n) => {
            const org = spread[(client * 7919 + n) % SPREAD_ORGS]!;
            await call(org, "mutation", "usage.record", benchEvent(`s-${client}-${n}`));
            counts.set(org.orgId, (counts.get(org.orgId) ?? 0) + 1);
            return 1;
          },
        });
        phases.push({ name: `usage.record (${SPREAD_ORGS} orgs)`, result: spreadResult, unit: "events/s" });
        for (const org of spread) checks.push(await checkOrg(db, org, counts.get(org.orgId) ?? 0, `spread ${org.slug}`));
      }

      // Low enough that even a loaded machine offers more than the key may take.
      if (runs("ratelimit")) {
        console.log(`Rate limit: a key allowed ${RATE_LIMIT} calls/s, 8 clients…`);
        const limited = await createApiKey(db, { orgId: hot.orgId, actor: "bench", name: "limited", scopes: ["usage:write"], rateLimitPerSecond: RATE_LIMIT });
        const eventsBefore = await db.$count(usageEvents, sql`${usageEvents.orgId} = ${hot.orgId}`);
        const limitedOrg = { ...hot, apiKey: limited.token };
        let answered429 = 0;
        const rateLimit = await measuredLoad(app.cpuMs, {
          clients: 8,
          // Always 5 s: in one second the key's burst and rate (60 calls) might be all a stalled machine sends, and nothing is refused.
          seconds: 5,
          call: async (client, n) => {
            try {
              await call(limitedOrg, "mutation", "usage.record", benchEvent(`l-${client}-${n}`));
              return 1;
            } catch (error) {
              if (error instanceof ApiCallError && error.status === 429) {
                answered429++;
                return 0;
              }
              throw error;
            }
          },
        });
        const admitted = (await db.$count(usageEvents, sql`${usageEvents.orgId} = ${hot.orgId}`)) - eventsBefore;
        // The bucket admits its burst plus the rate over the phase (one extra second of slack for timing).
        const allowed = 2 * RATE_LIMIT + Math.ceil(RATE_LIMIT * (rateLimit.seconds + 1));
        const limitHeld = admitted + answered429 === rateLimit.ok && answered429 > 0 && admitted <= allowed;
        phases.push({
          name: `rate limit ${RATE_LIMIT}/s (admitted)`,
          result: rateLimit,
          unit: "calls/s",
          target: { text: `≈ ${RATE_LIMIT}/s after a ${2 * RATE_LIMIT}-call burst; the rest 429`, met: () => limitHeld },
        });
        checks.push({
          phase: "rate limit",
          ok: limitHeld,
          detail: `${admitted} recorded (at most ${allowed} allowed), ${answered429} answered 429 with nothing recorded`,
        });
      }

      // The monitors write every half second: their last lines are in before the report reads them.
      if (pauses) await new Promise((resolve) => setTimeout(resolve, 600));
      const report = {
        at: new Date().toISOString(),
        machine: { cpus: os.cpus().length, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, postgres: await serverVersion(db) },
        secondsPerPhase: SECONDS,
        clients: CLIENTS,
        floorRowsPerSecond: floor?.perSecond ?? null,
        phases: phases.map((phase) => ({
          name: phase.name,
          unit: phase.unit,
          throughput: phase.result.perSecond,
          ratioToFloor: floor ? round(phase.result.perSecond / floor.perSecond, 3) : null,
          latencyMs: phase.result.latency,
          ok: phase.result.ok,
          failed: phase.result.failed,
          errors: phase.result.errors,
          target: phase.target?.text ?? null,
          met: phase.target?.met(phase.result, floor) ?? null,
          cpuMsPerUnit: phase.result.cpu,
          ...(pauses && { serverPauses: pausesBetween(pauses.dir, phase.result.ran.from, phase.result.ran.to) }),
        })),
        // Every process of the server (the API process and the pages process): the sum of their peaks.
        serverPeakMemoryMiB: app.peakMemoryMiB().total,
        serverLargestProcessPeakMiB: app.peakMemoryMiB().largest,
        storagePerEvent: await storagePerEvent(db),
        checks,
      };
      printReport(report);
      // A partial run is for comparing one phase before and after a change, not the published figures.
      if (!only) {
        fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
        fs.writeFileSync(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);
      }
      if (checks.some((check) => !check.ok)) process.exitCode = 1;
    } finally {
      await app.stop();
    }
  } finally {
    await db.$client.end({ timeout: 5 });
    await database.dispose();
  }
}

/** PostgreSQL's own limit here: single-row INSERTs of a usage-event-shaped row, autocommit, many connections. */
async function measureFloor(url: string): Promise<MeasuredLoad> {
  const client = postgres(url, { max: CLIENTS, onnotice: () => {} });
  try {
    await client.unsafe(`CREATE SCHEMA IF NOT EXISTS bench; CREATE TABLE bench.floor (LIKE "${env.ALLOT_DB_SCHEMA}".usage_events INCLUDING ALL)`);
    const orgId = "00000000-0000-4000-8000-000000000000";
    const versionId = "00000000-0000-4000-8000-000000000001";
    // No app server in this phase: its CPU column is zero.
    return await measuredLoad(() => 0, {
      clients: CLIENTS,
      seconds: SECONDS,
      call: async (c, n) => {
        await client`INSERT INTO bench.floor (org_id, id, idempotency_key, occurred_at, kind, item, price_version_id, input_tokens, output_tokens, cost_micros, charged_micros, user_ref, task_type)
          VALUES (${orgId}, gen_random_uuid(), ${`f-${c}-${n}`}, now(), 'model', 'bench-model', ${versionId}, 1200, 300, 43200, 43200, 'user@bench', 'support-reply')`;
        return 1;
      },
    });
  } finally {
    await client.unsafe("DROP SCHEMA bench CASCADE");
    await client.end();
  }
}

async function checkOrg(db: ReturnType<typeof createDatabase>, org: BenchOrg, expectedEvents: number, phase: string) {
  const events = await db.$count(usageEvents, sql`${usageEvents.orgId} = ${org.orgId}`);
  const drift = await verifyLedger(db, org.orgId);
  const ok = events === expectedEvents && drift.length === 0;
  return { phase, ok, detail: `${events} events recorded (answers: ${expectedEvents}), ledger drift: ${drift.length}` };
}

/**
 * What one recorded event costs on disk, tables and indexes included, for capacity planning
 * (docs/performance.md): the event (its own idempotency answer), its share of the ledger; and what
 * a hold leaves besides its event: the reservation (its own idempotency answer).
 */
async function storagePerEvent(db: ReturnType<typeof createDatabase>) {
  const schema = env.ALLOT_DB_SCHEMA;
  const [row] = await db.execute<{ events: string; holds: string; usage: string; ledger: string; reservations: string }>(sql`
    SELECT (SELECT count(*) FROM ${usageEvents})::text AS events, (SELECT count(*) FROM ${reservations})::text AS holds,
      pg_total_relation_size(${`"${schema}".usage_events`}::regclass)::text AS usage,
      (pg_total_relation_size(${`"${schema}".ledger_entries`}::regclass) + pg_total_relation_size(${`"${schema}".ledger_transactions`}::regclass))::text AS ledger,
      pg_total_relation_size(${`"${schema}".reservations`}::regclass)::text AS reservations`);
  const events = Math.max(1, Number(row!.events));
  const holds = Math.max(1, Number(row!.holds));
  const per = (bytes: string, count: number) => Math.round(Number(bytes) / count);
  return {
    events,
    usageEventBytes: per(row!.usage, events),
    ledgerBytes: per(row!.ledger, events),
    holds: Number(row!.holds),
    holdBytes: per(row!.reservations, holds),
  };
}

async function serverVersion(db: ReturnType<typeof createDatabase>): Promise<string> {
  const [row] = await db.execute<{ server_version: string }>(sql`SHOW server_version`);
  return row?.server_version ?? "unknown";
}

function printReport(report: {
  phases: {
    name: string;
    unit: string;
    throughput: number;
    ratioToFloor: number | null;
    latencyMs: { p50: number; p95: number; p99: number };
    failed: number;
    errors: Record<string, number>;
    target: string | null;
    met: boolean | null;
    cpuMsPerUnit: CpuPerUnit;
    serverPauses?: ServerPauses;
  }[];
  serverPeakMemoryMiB: number;
  serverLargestProcessPeakMiB: number;
  storagePerEvent: Awaited<ReturnType<typeof storagePerEvent>>;
  checks: { phase: string; ok: boolean; detail: string }[];
}) {
  console.log("\n| phase | throughput | × floor | p50 ms | p95 ms | p99 ms | failed | CPU ms per unit: server / PostgreSQL / generator | target | met? |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |");
  for (const phase of report.phases) {
    const cpu = phase.cpuMsPerUnit;
    console.log(
      `| ${phase.name} | ${phase.throughput.toLocaleString("en-US")} ${phase.unit} | ${phase.ratioToFloor ?? "–"} | ${phase.latencyMs.p50} | ${phase.latencyMs.p95} | ${phase.latencyMs.p99} | ${phase.failed} | ${cpu.server} / ${cpu.postgres} / ${cpu.generator} | ${phase.target ?? ""} | ${phase.met === null ? "" : phase.met ? "yes" : "no"} |`,
    );
  }
  // Failures are rare and each kind matters: what they were (a refused call, a timeout, the generator's own overload).
  const failedPhases = report.phases.filter((phase) => phase.failed > 0);
  if (failedPhases.length > 0) console.log("");
  for (const phase of failedPhases) {
    const kinds = Object.entries(phase.errors).map(([message, count]) => `${count} × ${message}`);
    console.log(`Failed in "${phase.name}": ${kinds.join("; ")}`);
  }
  if (report.phases.some((phase) => phase.serverPauses)) {
    console.log("\nWhat paused whom (BENCH_PAUSES=1): GC ms (major collections, their ms); event-loop stalls ≥ 3 ms (ms in all, longest). The pages process idles: its stalls are the box's.");
    console.log("| phase | API process GC | API process stalls | pages process stalls | load generator GC | load generator stalls |");
    console.log("| --- | --- | --- | --- | --- | --- |");
    const gc = (p?: ProcessPauses) => (p ? `${p.gcMs} (${p.majorGcs} major, ${p.majorGcMs})` : "–");
    const stalls = (p?: ProcessPauses) => (p ? `${p.stalls}: ${p.stallMs} ms, longest ${p.longestStallMs}` : "–");
    for (const phase of report.phases) {
      const { api, pages, generator } = phase.serverPauses ?? {};
      console.log(`| ${phase.name} | ${gc(api)} | ${stalls(api)} | ${stalls(pages)} | ${gc(generator)} | ${stalls(generator)} |`);
    }
  }
  console.log(`\nServer peak memory: ${report.serverPeakMemoryMiB} MiB over its processes (the sum of each one's peak), the largest ${report.serverLargestProcessPeakMiB} MiB`);
  const disk = report.storagePerEvent;
  console.log(
    `Storage per event: usage ${disk.usageEventBytes} B (with its idempotency answer), ledger ${disk.ledgerBytes} B (${disk.events} events); per hold, its reservation (with its idempotency answer): ${disk.holdBytes} B (${disk.holds} holds)`,
  );
  for (const check of report.checks.filter((c) => !c.ok || !c.phase.startsWith("spread"))) {
    console.log(`${check.ok ? "ok " : "FAIL"} ${check.phase}: ${check.detail}`);
  }
  const spreadChecks = report.checks.filter((c) => c.phase.startsWith("spread"));
  if (spreadChecks.length > 0) console.log(`${spreadChecks.every((c) => c.ok) ? "ok " : "FAIL"} spread: ${spreadChecks.length} organisations checked`);
}

await main();
