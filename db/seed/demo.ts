import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { authenticateApiKey, createApiKey } from "../../server/api-keys/api-keys";
import { createGrant } from "../../server/ledger/grants";
import { createAgent } from "../../server/orgs/agents";
import { createDepartment } from "../../server/orgs/departments";
import { addMember, type MemberRole } from "../../server/orgs/members";
import { createOrganization, findOrganizationBySlug } from "../../server/orgs/organizations";
import { createProject } from "../../server/orgs/projects";
import { importLitellmDraft } from "../../server/pricing/import-litellm";
import { publishVersion } from "../../server/pricing/versions";
import type { UsageEventInput } from "../../server/usage/event-input";
import { recordUsage } from "../../server/usage/record-usage";
import type { Database } from "../client";
import { withTransaction, type Transaction } from "../transaction";

export const DEMO_ORG_SLUG = "demo";
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 60;
const ACTOR = "system";

export const DEMO_PEOPLE: { email: string; name: string; role: MemberRole; department?: string; headOf?: string[] }[] = [
  { email: "admin@allot.demo", name: "Ada Admin", role: "admin" },
  { email: "finance@allot.demo", name: "Finn Finance", role: "finance" },
  { email: "cs-head@allot.demo", name: "Casey Service", role: "department_head", department: "customer-service", headOf: ["customer-service"] },
  { email: "marketing-head@allot.demo", name: "Morgan Reach", role: "department_head", department: "marketing", headOf: ["marketing"] },
  { email: "member@allot.demo", name: "Max Member", role: "member", department: "customer-service" },
];

const DEPARTMENTS = [
  { slug: "customer-service", name: "Customer service" },
  { slug: "marketing", name: "Marketing" },
  { slug: "legal", name: "Legal" },
  { slug: "operations", name: "Operations" },
  { slug: "product", name: "Product" },
];

const PROJECTS = [
  { slug: "helpdesk", name: "Helpdesk automation", department: "customer-service" },
  { slug: "spring-campaign", name: "Spring campaign", department: "marketing" },
  { slug: "contracts", name: "Contract review", department: "legal" },
  { slug: "ap-automation", name: "Accounts-payable automation", department: "operations" },
  { slug: "storefront", name: "Storefront", department: "product" },
];

/** Each agent's typical call: model, tokens, calls per day, task type. */
const AGENTS = [
  { slug: "support-chatbot", name: "Support chatbot", department: "customer-service", project: "helpdesk", model: "gpt-4o-mini", input: 1800, output: 350, perDay: 60, taskType: "support-reply" },
  { slug: "ticket-triage", name: "Ticket triage", department: "customer-service", project: "helpdesk", model: "claude-3-haiku-20240307", input: 900, output: 60, perDay: 40, taskType: "classification" },
  { slug: "campaign-writer", name: "Campaign writer", department: "marketing", project: "spring-campaign", model: "gpt-4o", input: 2500, output: 1200, perDay: 12, taskType: "copywriting" },
  { slug: "lead-scorer", name: "Lead scorer", department: "marketing", project: "spring-campaign", model: "gemini-2.0-flash", input: 1200, output: 80, perDay: 30, taskType: "lead-scoring" },
  { slug: "contract-reviewer", name: "Contract reviewer", department: "legal", project: "contracts", model: "claude-3-5-sonnet-20241022", input: 12000, output: 1500, perDay: 5, taskType: "contract-review" },
  { slug: "invoice-processor", name: "Invoice processor", department: "operations", project: "ap-automation", model: "gpt-4o-mini", input: 3000, output: 400, perDay: 25, taskType: "extraction" },
  { slug: "product-recommender", name: "Product recommender", department: "product", project: "storefront", model: "gpt-4o", input: 1500, output: 300, perDay: 20, taskType: "recommendation" },
];

/** A small deterministic generator so the demo history is the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The demo organisation: departments, projects, agents, one person per role, a price book imported
 * from the LiteLLM sample, credits, and 60 days of usage. Does nothing when it already exists.
 */
export async function seedDemo(database: Database, log: (line: string) => void = console.log): Promise<{ created: boolean }> {
  if (await findOrganizationBySlug(database, DEMO_ORG_SLUG)) {
    log("The demo organisation already exists; nothing to seed.");
    return { created: false };
  }
  log("Seeding the demo organisation…");
  // One transaction: an interrupted seed leaves nothing behind, and the next start seeds again.
  await withTransaction(database, (db) => seedInto(db, log));
  return { created: true };
}

async function seedInto(db: Transaction, log: (line: string) => void): Promise<void> {
  const { id: orgId } = await createOrganization(db, { slug: DEMO_ORG_SLUG, name: "Acme Robotics (demo)", timeZone: "Europe/London" });
  const departmentIds = new Map<string, string>();
  for (const department of DEPARTMENTS) {
    departmentIds.set(department.slug, (await createDepartment(db, { orgId, actor: ACTOR, ...department })).id);
  }
  const projectIds = new Map<string, string>();
  for (const project of PROJECTS) {
    const row = await createProject(db, { orgId, actor: ACTOR, slug: project.slug, name: project.name, departmentId: departmentIds.get(project.department) });
    projectIds.set(project.slug, row.id);
  }
  for (const agent of AGENTS) {
    await createAgent(db, {
      orgId,
      actor: ACTOR,
      slug: agent.slug,
      name: agent.name,
      departmentId: departmentIds.get(agent.department)!,
      projectId: projectIds.get(agent.project),
    });
  }
  for (const person of DEMO_PEOPLE) {
    await addMember(db, {
      orgId,
      actor: ACTOR,
      email: person.email,
      name: person.name,
      role: person.role,
      departmentId: person.department ? departmentIds.get(person.department) : null,
      headOfDepartmentIds: (person.headOf ?? []).map((slug) => departmentIds.get(slug)!),
    });
  }

  const priceMap = JSON.parse(
    fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "data/litellm-model-prices.sample.json"), "utf8"),
  ) as unknown;
  const imported = await importLitellmDraft(db, {
    orgId,
    actor: ACTOR,
    map: priceMap,
    conversion: { creditValueUsd: "0.01", markupPercent: "20" },
    note: "Provider list prices + 20 %",
  });
  const historyStart = new Date(Date.now() - (HISTORY_DAYS + 1) * DAY_MS);
  await publishVersion(db, { orgId, actor: ACTOR, versionId: imported.versionId, effectiveFrom: historyStart, allowPast: true });
  log(`Price book: ${imported.imported} models imported, ${imported.skipped.length} entries skipped.`);

  await createGrant(db, { orgId, kind: "purchase", amountMicros: 60_000 * 1_000_000, memo: "Opening purchase (demo)" });
  await createGrant(db, {
    orgId,
    kind: "promotion",
    amountMicros: 500 * 1_000_000,
    memo: "Launch promotion",
    expiresAt: new Date(Date.now() + 30 * DAY_MS),
  });

  const { token } = await createApiKey(db, { orgId, actor: ACTOR, name: "Demo gateway", scopes: ["usage:write", "usage:read", "pricing:read"] });
  const gateway = (await authenticateApiKey(db, token))!;
  const events = demoHistory(Date.now() - HISTORY_DAYS * DAY_MS);
  for (let start = 0; start < events.length; start += 1000) {
    await recordUsage(db, gateway, events.slice(start, start + 1000));
  }
  log(`Usage history: ${events.length} events over ${HISTORY_DAYS} days.`);
}

function demoHistory(from: number): UsageEventInput[] {
  const next = random(20261125);
  const users = ["alex@acme.example", "sam@acme.example", "member@allot.demo", "jo@acme.example", "kim@acme.example"];
  const events: UsageEventInput[] = [];
  for (let day = 0; day < HISTORY_DAYS; day++) {
    const weekday = new Date(from + day * DAY_MS).getUTCDay();
    const load = weekday === 0 || weekday === 6 ? 0.4 : 1;
    for (const agent of AGENTS) {
      const calls = Math.round(agent.perDay * load * (0.7 + next() * 0.6));
      for (let call = 0; call < calls; call++) {
        const at = from + day * DAY_MS + Math.floor(next() * DAY_MS);
        const cached = agent.model === "gpt-4o-mini" ? Math.floor(agent.input * 0.3 * next()) : 0;
        events.push({
          idempotencyKey: `demo-${agent.slug}-${day}-${call}`,
          timestamp: new Date(at).toISOString(),
          model: agent.model,
          inputTokens: Math.round(agent.input * (0.6 + next() * 0.8)) - cached,
          outputTokens: Math.round(agent.output * (0.5 + next())),
          cachedInputTokens: cached,
          agent: agent.slug,
          user: users[Math.floor(next() * users.length)],
          taskType: agent.taskType,
          workflow: `${agent.taskType}-flow`,
        });
      }
    }
  }
  return events.sort((a, b) => a.timestamp!.localeCompare(b.timestamp!));
}
