import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { authenticateApiKey, createApiKey } from "../../server/api-keys/api-keys";
import type { ApiKeyPrincipal } from "../../server/auth/principal";
import { createAgent } from "../../server/orgs/agents";
import { createDepartment } from "../../server/orgs/departments";
import { createProject } from "../../server/orgs/projects";
import { recordOutcomes } from "../../server/outcomes/record-outcomes";
import type { OutcomeRecordInput } from "../../server/outcomes/outcome-input";
import { importLitellmDraft } from "../../server/pricing/import-litellm";
import { publishVersion } from "../../server/pricing/versions";
import type { UsageEventInput } from "../../server/usage/event-input";
import { recordUsage } from "../../server/usage/record-usage";
import type { Transaction } from "../transaction";

/** The building blocks the demo organisations share: structure, price book, generated history. */
export const DAY_MS = 86_400_000;
/** Days of history each demo organisation gets (the brief asks for 90 or more). */
export const HISTORY_DAYS = 95;
export const ACTOR = "system";
const BATCH = 1_000;

/** A small deterministic generator so the demo history is the same on every machine. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Structure {
  departments: { slug: string; name: string }[];
  projects: { slug: string; name: string; department: string }[];
  agents: { slug: string; name: string; department: string; project?: string }[];
}

/** Departments, projects and agents; returns the department ids by slug. */
export async function createStructure(db: Transaction, orgId: string, structure: Structure): Promise<Map<string, string>> {
  const departmentIds = new Map<string, string>();
  for (const department of structure.departments) {
    departmentIds.set(department.slug, (await createDepartment(db, { orgId, actor: ACTOR, ...department })).id);
  }
  const projectIds = new Map<string, string>();
  for (const project of structure.projects) {
    const row = await createProject(db, { orgId, actor: ACTOR, slug: project.slug, name: project.name, departmentId: departmentIds.get(project.department) });
    projectIds.set(project.slug, row.id);
  }
  for (const agent of structure.agents) {
    await createAgent(db, {
      orgId,
      actor: ACTOR,
      slug: agent.slug,
      name: agent.name,
      departmentId: departmentIds.get(agent.department)!,
      projectId: agent.project ? projectIds.get(agent.project) : undefined,
    });
  }
  return departmentIds;
}

/** The LiteLLM sample at $0.01 a credit + 20 %, in force since the start of the history. */
export async function importDemoPrices(db: Transaction, orgId: string, historyStart: Date, log: (line: string) => void): Promise<void> {
  const priceMap = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "data/litellm-model-prices.sample.json"), "utf8")) as unknown;
  const imported = await importLitellmDraft(db, {
    orgId,
    actor: ACTOR,
    map: priceMap,
    conversion: { creditValueUsd: "0.01", markupPercent: "20" },
    note: "Provider list prices + 20 %",
  });
  await publishVersion(db, { orgId, actor: ACTOR, versionId: imported.versionId, effectiveFrom: historyStart, allowPast: true });
  log(`Price book: ${imported.imported} models imported, ${imported.skipped.length} entries skipped.`);
}

export async function gatewayKey(db: Transaction, orgId: string): Promise<ApiKeyPrincipal> {
  const { token } = await createApiKey(db, { orgId, actor: ACTOR, name: "Demo gateway", scopes: ["usage:write", "usage:read", "pricing:read", "reports:read"] });
  return (await authenticateApiKey(db, token))!;
}

/** Records events and outcomes through the metering path, a thousand per set-based batch. */
export async function recordHistory(db: Transaction, gateway: ApiKeyPrincipal, events: UsageEventInput[], outcomes: OutcomeRecordInput[]): Promise<void> {
  events.sort((a, b) => a.timestamp!.localeCompare(b.timestamp!));
  for (let start = 0; start < events.length; start += BATCH) await recordUsage(db, gateway, events.slice(start, start + BATCH));
  for (let start = 0; start < outcomes.length; start += BATCH) await recordOutcomes(db, gateway, outcomes.slice(start, start + BATCH));
}

/** What one agent's calls look like on one day; null for no calls. */
export interface CallPlan {
  perDay: number;
  input: number;
  output: number;
  taskType: string;
  /** The model of each call: one name, or shares (adding up to 1) drawn per call. */
  models: string | { model: string; share: number }[];
  /** Share of input tokens read from a cache (e.g. a static system prompt), at most. */
  cachedShare?: number;
}

const pick = (models: CallPlan["models"], r: number) => {
  if (typeof models === "string") return models;
  let acc = 0;
  for (const { model, share } of models) {
    acc += share;
    if (r < acc) return model;
  }
  return models.at(-1)!.model;
};

/**
 * Events for `days` days from `from`: each agent's calls per day follow its plan for that day,
 * fewer at weekends, with ±30 % noise on the count and on the tokens.
 */
export function generateEvents(params: {
  seed: number;
  from: number;
  days: number;
  keyPrefix: string;
  agents: string[];
  plan: (agent: string, day: number) => CallPlan | null;
  users: string[];
}): UsageEventInput[] {
  const next = random(params.seed);
  const events: UsageEventInput[] = [];
  for (let day = 0; day < params.days; day++) {
    const weekday = new Date(params.from + day * DAY_MS).getUTCDay();
    const load = weekday === 0 || weekday === 6 ? 0.4 : 1;
    for (const agent of params.agents) {
      const plan = params.plan(agent, day);
      if (!plan) continue;
      const calls = Math.round(plan.perDay * load * (0.7 + next() * 0.6));
      for (let call = 0; call < calls; call++) {
        const at = params.from + day * DAY_MS + Math.floor(next() * DAY_MS);
        const input = Math.round(plan.input * (0.7 + next() * 0.6));
        const cached = plan.cachedShare ? Math.floor(input * plan.cachedShare * next()) : 0;
        events.push({
          idempotencyKey: `${params.keyPrefix}-${agent}-${day}-${call}`,
          timestamp: new Date(at).toISOString(),
          model: pick(plan.models, next()),
          inputTokens: input - cached,
          outputTokens: Math.round(plan.output * (0.7 + next() * 0.6)),
          cachedInputTokens: cached,
          agent,
          user: params.users[Math.floor(next() * params.users.length)],
          taskType: plan.taskType,
          workflow: `${plan.taskType}-flow`,
        });
      }
    }
  }
  return events;
}

/** Daily outcomes of a metric: `perDay` units (fewer at weekends, ±25 %), optionally by an agent. */
export function generateOutcomes(params: {
  seed: number;
  from: number;
  days: number;
  keyPrefix: string;
  metric: string;
  agent?: string;
  perDay: (day: number) => number;
}): OutcomeRecordInput[] {
  const next = random(params.seed);
  const outcomes: OutcomeRecordInput[] = [];
  for (let day = 0; day < params.days; day++) {
    const weekday = new Date(params.from + day * DAY_MS).getUTCDay();
    const load = weekday === 0 || weekday === 6 ? 0.4 : 1;
    const quantity = Math.round(params.perDay(day) * load * (0.75 + next() * 0.5));
    if (quantity <= 0) continue;
    outcomes.push({
      idempotencyKey: `${params.keyPrefix}-${params.metric}-${day}`,
      metric: params.metric,
      quantity,
      agent: params.agent,
      timestamp: new Date(params.from + day * DAY_MS + 17 * 3_600_000).toISOString(),
    });
  }
  return outcomes;
}
