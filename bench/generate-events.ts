import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createDatabase as createDatabaseOnServer } from "../db/admin";
import { createDatabase, type Database } from "../db/client";
import { freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrate } from "../db/migrate";
import { modelCostHistogramDaily, usageEvents, usageRollupsDaily, usageRollupsHourly } from "../db/schema";
import { loadMemberPrincipal, type MemberPrincipal } from "../server/auth/principal";
import { env } from "../server/env";
import { createAgent } from "../server/orgs/agents";
import { createDepartment } from "../server/orgs/departments";
import { addMember } from "../server/orgs/members";
import { createOrganization } from "../server/orgs/organizations";
import { createProject } from "../server/orgs/projects";
import { createDraft, publishVersion } from "../server/pricing/versions";
import { compareModels } from "../server/reports/model-comparison";
import { projectSpend } from "../server/reports/projection";
import { roiReport } from "../server/reports/roi";
import { rebuildRollups } from "../server/reports/rebuild-rollups";
import { usageReport, type UsageReportInput } from "../server/reports/usage-report";
import { verifyRollups } from "../server/reports/verify-rollups";
import { whatIf } from "../server/reports/what-if";
import { listUsage } from "../server/usage/list-usage";
import { buildApp, startApp } from "./lib/app-server";
import { timePages, type PageTiming, type TimedPage } from "./lib/page-timing";
import { round, summarize } from "./lib/stats";

/**
 * `npm run bench:analytics`: loads BENCH_EVENTS (default 10,000,000) usage events over 90 days into
 * one organisation of a fresh database, set-based (generate_series, skewed realistic choices),
 * builds the rollups with rebuildRollups, checks a month of them against the raw events, times the
 * server functions behind every dashboard view, then (unless BENCH_PAGES=0) builds the app in
 * production mode (BENCH_REUSE_BUILD=1 keeps an existing build), starts it on that database and times
 * the pages themselves over HTTP, signed in as the administrator and the department head. Writes
 * bench/results/analytics.json.
 *
 * The events are written straight into usage_events, not through the metering path: they carry
 * no ledger transactions, so verifyLedger would list them (the database is thrown away after the
 * run). What is measured here is reading, from rollups that the write path keeps exact
 * (tests/db/rollups-property.test.ts); the write path's own cost is `npm run bench`'s.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const CHUNK = 1_000_000;
const DAYS = 90;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PAGES = process.env.BENCH_PAGES !== "0";
const TARGET_MS = 300;

const MODELS = [
  { model: "gpt-4o", input: 3_000_000, output: 12_000_000 },
  { model: "gpt-4o-mini", input: 180_000, output: 720_000 },
  { model: "claude-sonnet", input: 3_600_000, output: 18_000_000 },
  { model: "claude-haiku", input: 300_000, output: 1_500_000 },
  { model: "gemini-flash", input: 120_000, output: 480_000 },
  { model: "llama-70b", input: 900_000, output: 900_000 },
];
const DEPARTMENTS = 8;
const PROJECTS = 12;
const AGENTS = 30;
const USERS = 200;
/** Each agent serves a handful of people (as in a real company), not everyone. */
const USERS_PER_AGENT = 8;

async function main() {
  const started = performance.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "allot-analytics-pg-"));
  const server = env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const serverUrl = env.DATABASE_URL ?? server!.serverUrl;
  const url = await createDatabaseOnServer(serverUrl, `allot_analytics_${Date.now().toString(36)}`);
  await migrate(url, env.ALLOT_DB_SCHEMA);
  const db = createDatabase({ url, max: 8, applicationName: "allot-bench-analytics" });
  try {
    const org = await createOrg(db);
    const timings: Record<string, number> = {};
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const result = await work();
      timings[name] = round((performance.now() - t0) / 1000);
      console.log(`${name}: ${timings[name]} s`);
      return result;
    };
    await step(`generate ${EVENTS.toLocaleString("en-US")} events`, () => generateEvents(db, org));
    const rebuilt = await step("rebuild rollups", () => rebuildRollups(db, org.orgId));
    await step("analyze", () => db.execute(sql`ANALYZE`));
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    const drift = await step("verify a month of rollups", () => verifyRollups(db, org.orgId, { from: monthAgo }));
    if (drift.drifted > 0) throw new Error(`Rollups drifted from the events: ${JSON.stringify(drift.sample.slice(0, 3))}`);

    const views = dashboardViews(db, org);
    const results = [];
    for (const view of views) {
      await view.run(); // warm: plans and caches, as a running server has them
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await view.run();
        samples.push(performance.now() - t0);
      }
      const stats = summarize(samples);
      results.push({ view: view.name, ms: { p50: stats.p50, p95: stats.p95, max: stats.max }, withinTarget: stats.p95 < TARGET_MS });
    }
    const pages = PAGES ? await step("pages over HTTP (production build)", () => timeServedPages(url, org)) : null;
    const [counts] = await db.execute<{ events: string; hourly: string; daily: string; histogram: string }>(sql`
      SELECT (SELECT count(*) FROM ${usageEvents} WHERE org_id = ${org.orgId})::text AS events,
             (SELECT count(*) FROM ${usageRollupsHourly} WHERE org_id = ${org.orgId})::text AS hourly,
             (SELECT count(*) FROM ${usageRollupsDaily} WHERE org_id = ${org.orgId})::text AS daily,
             (SELECT count(*) FROM ${modelCostHistogramDaily} WHERE org_id = ${org.orgId})::text AS histogram`);
    const output = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: round(os.totalmem() / 2 ** 30) },
      events: Number(counts!.events),
      rollupRows: { hourly: Number(counts!.hourly), daily: Number(counts!.daily), costHistogram: Number(counts!.histogram), rebuilt },
      setupSeconds: timings,
      runsPerView: RUNS,
      targetMs: TARGET_MS,
      views: results,
      pages,
      totalSeconds: round((performance.now() - started) / 1000),
    };
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync("bench/results/analytics.json", `${JSON.stringify(output, null, 2)}\n`);
    const rows = output.rollupRows;
    console.log(
      `\n${output.events.toLocaleString("en-US")} events → ${rows.hourly.toLocaleString("en-US")} hourly, ${rows.daily.toLocaleString("en-US")} daily rollup rows, ${rows.costHistogram.toLocaleString("en-US")} cost-histogram rows`,
    );
    console.log(`${"view".padEnd(64)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  < ${TARGET_MS} ms`);
    for (const r of results) console.log(`${r.view.padEnd(64)} ${String(r.ms.p50).padStart(8)} ${String(r.ms.p95).padStart(8)}  ${r.withinTarget ? "yes" : "NO"}`);
    if (pages) {
      console.log(`\n${"page over HTTP".padEnd(64)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  < ${TARGET_MS} ms`);
      for (const r of pages) console.log(`${r.page.padEnd(64)} ${String(r.ms.p50).padStart(8)} ${String(r.ms.p95).padStart(8)}  ${r.withinTarget ? "yes" : "NO"}`);
    }
    console.log("\nWritten to bench/results/analytics.json");
  } finally {
    await db.$client.end({ timeout: 5 });
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface GeneratedOrg {
  orgId: string;
  versionId: string;
  admin: MemberPrincipal;
  head: MemberPrincipal;
  member: MemberPrincipal;
  departmentIds: string[];
  agentIds: string[];
}

async function createOrg(db: Database): Promise<GeneratedOrg> {
  const actor = "bench";
  const { id: orgId } = await createOrganization(db, { slug: "analytics", name: "Analytics bench", starterMicros: 0, timeZone: "Europe/Berlin" });
  const departmentIds: string[] = [];
  for (let d = 0; d < DEPARTMENTS; d++) departmentIds.push((await createDepartment(db, { orgId, actor, slug: `dept-${d}`, name: `Department ${d}` })).id);
  const projectIds: string[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    projectIds.push((await createProject(db, { orgId, actor, slug: `project-${p}`, name: `Project ${p}`, departmentId: departmentIds[p % DEPARTMENTS]! })).id);
  }
  const agentIds: string[] = [];
  for (let a = 0; a < AGENTS; a++) {
    const project = a % PROJECTS;
    agentIds.push(
      (await createAgent(db, { orgId, actor, slug: `agent-${a}`, name: `Agent ${a}`, departmentId: departmentIds[project % DEPARTMENTS]!, projectId: projectIds[project]! })).id,
    );
  }
  const { id: versionId } = await createDraft(db, {
    orgId,
    actor,
    source: "bench",
    models: MODELS.map((m) => ({ model: m.model, inputMicrosPerMillionTokens: m.input, outputMicrosPerMillionTokens: m.output, cachedInputMicrosPerMillionTokens: null, cacheWriteMicrosPerMillionTokens: null })),
  });
  await publishVersion(db, { orgId, actor, versionId, effectiveFrom: new Date(Date.now() - (DAYS + 1) * 86_400_000), allowPast: true });
  const person = async (email: string, role: "admin" | "department_head" | "member", headOf: string[] = []) => {
    const { userId } = await addMember(db, { orgId, actor, email, name: email, role, headOfDepartmentIds: headOf });
    return (await loadMemberPrincipal(db, userId, orgId))!;
  };
  return {
    orgId,
    versionId,
    admin: await person("admin@analytics.bench", "admin"),
    head: await person("head@analytics.bench", "department_head", [departmentIds[0]!]),
    // User 0 works with agent 0, the busiest.
    member: await person("user-0@analytics.bench", "member"),
    departmentIds,
    agentIds,
  };
}

/**
 * Events in chunks of a million, one INSERT … SELECT each: times uniform over the last 90 days,
 * agents skewed (a few do most of the work), each serving its own handful of users, with its
 * project, department, task type and workflow, its usual model (80 %) or the next one, token counts
 * varying around the agent's size, cost from the model's rates rounded up.
 */
async function generateEvents(db: Database, org: GeneratedOrg): Promise<void> {
  const models = sql.raw(`ARRAY[${MODELS.map((m) => `'${m.model}'`).join(",")}]`);
  const inputRates = sql.raw(`ARRAY[${MODELS.map((m) => m.input).join(",")}]::bigint[]`);
  const outputRates = sql.raw(`ARRAY[${MODELS.map((m) => m.output).join(",")}]::bigint[]`);
  const agents = sql`${sql.param(org.agentIds)}::uuid[]`;
  for (let start = 0; start < EVENTS; start += CHUNK) {
    const t0 = performance.now();
    const end = Math.min(EVENTS, start + CHUNK);
    await db.execute(sql`
      WITH g AS (
        SELECT i, floor(${AGENTS} * power(random(), 2))::int AS a, floor(random() * ${USERS_PER_AGENT})::int AS k,
               random() AS r_model, random() AS r_in, random() AS r_out,
               now() - make_interval(secs => ${DAYS * 86_400} * random()) AS t
        FROM generate_series(${start + 1}::bigint, ${end}::bigint) AS i
      ), e AS (
        SELECT g.*, (g.a * 7 + g.k) % ${USERS} AS u, ((g.a + CASE WHEN g.r_model < 0.8 THEN 0 ELSE 1 END) % ${MODELS.length}) + 1 AS m,
               (200 + (g.a % 7) * 600 + floor(g.r_in * 2000))::bigint AS input_tokens,
               (50 + (g.a % 5) * 150 + floor(g.r_out * 400))::bigint AS output_tokens
        FROM g
      )
      INSERT INTO ${usageEvents} (org_id, id, idempotency_key, occurred_at, recorded_at, kind, item, price_version_id, input_tokens, output_tokens,
        cost_micros, charged_micros, department_id, project_id, agent_id, user_ref, task_type, workflow)
      SELECT ${org.orgId}::uuid, gen_random_uuid(), 'gen-' || i, t, t, 'model', (${models})[m], ${org.versionId}::uuid, input_tokens, output_tokens,
             ceil((input_tokens * (${inputRates})[m] + output_tokens * (${outputRates})[m]) / 1000000.0)::bigint,
             ceil((input_tokens * (${inputRates})[m] + output_tokens * (${outputRates})[m]) / 1000000.0)::bigint,
             ag.department_id, ag.project_id, ag.id, 'user-' || u || '@analytics.bench',
             'task-' || (a % 10), 'workflow-' || (a % 8)
      FROM e JOIN ${sql.raw(`"${env.ALLOT_DB_SCHEMA}".agents`)} ag ON ag.org_id = ${org.orgId}::uuid AND ag.id = (${agents})[a + 1]`);
    console.log(`  events ${end.toLocaleString("en-US")} / ${EVENTS.toLocaleString("en-US")} (${round((performance.now() - t0) / 1000)} s)`);
  }
}

/** The server functions behind each dashboard view, called as the pages call them. */
function dashboardViews(db: Database, org: GeneratedOrg) {
  const report = (principal: MemberPrincipal, input: UsageReportInput) => (db: Database) => usageReport(db, principal, input);
  const page = (principal: MemberPrincipal, input: UsageReportInput) => async (db: Database) =>
    Promise.all([usageReport(db, principal, input), projectSpend(db, principal, { period: "month", filter: input.filter ?? {} })]);
  const views: { name: string; run: () => Promise<unknown> }[] = [
    { name: "dashboard page, admin: 30 days by day (report + projection)", run: () => page(org.admin, {})(db) },
    { name: "dashboard page, admin: 90 days by week, split by agent", run: () => page(org.admin, { from: daysAgo(89), granularity: "week", breakdown: "agent" })(db) },
    { name: "dashboard page, admin: 90 days by month, split by model", run: () => page(org.admin, { from: daysAgo(89), granularity: "month", breakdown: "model" })(db) },
    { name: "dashboard page, admin: 90 days by day, split by user", run: () => page(org.admin, { from: daysAgo(89), breakdown: "user" })(db) },
    { name: "dashboard page, admin: 2 days by hour, split by workflow", run: () => page(org.admin, { granularity: "hour", breakdown: "workflow" })(db) },
    { name: "dashboard page, admin: 7 days by hour, split by department", run: () => page(org.admin, { from: daysAgo(6), granularity: "hour", breakdown: "department" })(db) },
    {
      name: "dashboard page, admin: 90 days, filtered by agent + task type",
      run: () => page(org.admin, { from: daysAgo(89), breakdown: "user", filter: { agent: [org.agentIds[0]!], taskType: ["task-0"] } })(db),
    },
    { name: "dashboard page, department head: 90 days by week", run: () => page(org.head, { from: daysAgo(89), granularity: "week", breakdown: "project" })(db) },
    { name: "dashboard page, member (own usage): 90 days by day", run: () => page(org.member, { from: daysAgo(89), breakdown: "agent" })(db) },
    { name: "reports.usage only, admin: 30 days by day", run: () => report(org.admin, {})(db) },
    { name: "events list (drill-down), admin: first page of an agent", run: () => listUsage(db, org.admin, { agentId: org.agentIds[3]!, limit: 50 }) },
    { name: "ROI page, admin: last six months, every department", run: () => roiReport(db, org.admin, {}) },
    { name: "ROI page, department head: last six months", run: () => roiReport(db, org.head, {}) },
    // Medians and p90s from the cost histogram (model_cost_histogram_daily).
    { name: "models page, admin: 30 days, every task type", run: () => compareModels(db, org.admin, { days: 30 }) },
    { name: "models page, admin: 90 days, every task type", run: () => compareModels(db, org.admin, { days: 90 }) },
    { name: "models page, admin: 30 days, one task type", run: () => compareModels(db, org.admin, { days: 30, taskType: "task-0" }) },
    { name: "models page, department head: 30 days", run: () => compareModels(db, org.head, { days: 30 }) },
    // Not a page: the what-if form re-prices each event at its own token counts (exact, per event), from the events.
    {
      name: "what-if (form, after load), admin: 30 days of one task type",
      run: () => whatIf(db, org.admin, { days: 30, taskType: "task-0", routing: [{ model: "gpt-4o-mini", percent: 80 }, { model: "gpt-4o", percent: 20 }] }),
    },
  ];
  return views;
}

/** The production server on the generated database, and the pages a department head and an administrator open. */
async function timeServedPages(databaseUrl: string, org: GeneratedOrg): Promise<PageTiming[]> {
  buildApp(process.env.BENCH_REUSE_BUILD === "1");
  const secret = randomBytes(32).toString("hex");
  const app = await startApp(databaseUrl, { NEXTAUTH_SECRET: secret, ALLOT_BACKGROUND_JOBS: "off" });
  try {
    const pages: TimedPage[] = [
      { name: "/usage, admin: 30 days by day", path: "/usage", as: org.admin, expect: 'data-testid="total-charged"' },
      { name: "/usage, admin: 90 days by week, split by agent", path: `/usage?from=${daysAgo(89)}&granularity=week&by=agent`, as: org.admin, expect: 'data-testid="total-charged"' },
      { name: "/usage, admin: 90 days by day, split by user", path: `/usage?from=${daysAgo(89)}&by=user`, as: org.admin, expect: 'data-testid="total-charged"' },
      { name: "/usage, admin: 7 days by hour", path: `/usage?from=${daysAgo(6)}&granularity=hour&by=department`, as: org.admin, expect: 'data-testid="total-charged"' },
      { name: "/usage, department head: 90 days by week", path: `/usage?from=${daysAgo(89)}&granularity=week&by=project`, as: org.head, expect: 'data-testid="total-charged"' },
      { name: "/roi, admin: every department", path: "/roi", as: org.admin, expect: 'data-testid="roi-department"' },
      { name: "/roi, department head", path: "/roi", as: org.head, expect: 'data-testid="roi-department"' },
      { name: "/models, admin: 30 days", path: "/models", as: org.admin, expect: 'data-testid="task-type"' },
      { name: "/models, admin: 90 days", path: "/models?days=90", as: org.admin, expect: 'data-testid="task-type"' },
      { name: "/models, department head: 30 days", path: "/models", as: org.head, expect: 'data-testid="task-type"' },
    ];
    return await timePages(app.url, secret, pages, RUNS, TARGET_MS);
  } finally {
    await app.stop();
  }
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
