import { createGrant } from "../../server/ledger/grants";
import { createMetric } from "../../server/outcomes/metrics";
import { createOrganization, findOrganizationBySlug } from "../../server/orgs/organizations";
import type { Database } from "../client";
import { withTransaction, type Transaction } from "../transaction";
import { DAY_MS, HISTORY_DAYS, createStructure, gatewayKey, generateEvents, generateOutcomes, importDemoPrices, recordHistory } from "./demo-kit";
import { MIDSIZE_ORG_SLUG, seedMidsize } from "./demo-midsize";
import { addPeople, type DemoPerson } from "./demo-people";
import { STARTUP_ORG_SLUG, seedStartup } from "./demo-startup";

export const DEMO_ORG_SLUG = "demo";

export const DEMO_PEOPLE: DemoPerson[] = [
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

/** The enterprise's outcome metrics: [department, slug, name, unit, value per unit in cents, agent, units a day at the start]. */
const METRICS: [string, string, string, string, number, string, number][] = [
  ["customer-service", "tickets-deflected", "Tickets deflected", "ticket", 400, "support-chatbot", 25],
  ["customer-service", "triage-hours-saved", "Triage hours saved", "hour", 4_500, "ticket-triage", 3],
  ["marketing", "leads", "Leads generated", "lead", 2_500, "lead-scorer", 4],
  ["marketing", "campaign-assets", "Campaign assets", "asset", 15_000, "campaign-writer", 1],
  ["legal", "contracts-reviewed", "Contracts reviewed", "contract", 20_000, "contract-reviewer", 3],
  ["operations", "invoices-processed", "Invoices processed", "invoice", 300, "invoice-processor", 20],
  ["product", "recommendation-sales", "Sales from recommendations", "order", 1_200, "product-recommender", 2],
];

/**
 * The demo organisations: the enterprise "demo" (departments, projects, agents, one person per
 * role, credits, 95 days of usage and outcomes), a startup and a mid-size company (the seed's
 * other two stories), with the administrator and finance person members of all three. Each
 * organisation that already exists is left alone.
 */
export async function seedDemo(database: Database, log: (line: string) => void = console.log): Promise<{ created: boolean }> {
  const started = Date.now();
  const guests = DEMO_PEOPLE.filter((person) => person.role === "admin" || person.role === "finance");
  const stories: [string, (db: Transaction) => Promise<void>][] = [
    [DEMO_ORG_SLUG, (db) => seedInto(db, log)],
    [STARTUP_ORG_SLUG, (db) => seedStartup(db, guests, log)],
    [MIDSIZE_ORG_SLUG, (db) => seedMidsize(db, guests, log)],
  ];
  let created = false;
  for (const [slug, seed] of stories) {
    if (await findOrganizationBySlug(database, slug)) continue;
    log(`Seeding the demo organisation "${slug}"…`);
    // One transaction each: an interrupted seed leaves nothing behind, and the next start seeds again.
    await withTransaction(database, seed);
    created = true;
  }
  log(created ? `Demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.` : "The demo organisations already exist; nothing to seed.");
  return { created };
}

async function seedInto(db: Transaction, log: (line: string) => void): Promise<void> {
  const { id: orgId } = await createOrganization(db, { slug: DEMO_ORG_SLUG, name: "Acme Robotics (demo)", timeZone: "Europe/London" });
  const departmentIds = await createStructure(db, orgId, {
    departments: DEPARTMENTS,
    projects: PROJECTS,
    agents: AGENTS,
  });
  const admin = await addPeople(db, orgId, DEMO_PEOPLE, departmentIds);
  const from = Date.now() - HISTORY_DAYS * DAY_MS;
  await importDemoPrices(db, orgId, new Date(from - DAY_MS), log);

  await createGrant(db, { orgId, kind: "purchase", amountMicros: 60_000 * 1_000_000, memo: "Opening purchase (demo)" });
  await createGrant(db, {
    orgId,
    kind: "promotion",
    amountMicros: 500 * 1_000_000,
    memo: "Launch promotion",
    expiresAt: new Date(Date.now() + 30 * DAY_MS),
  });
  for (const [department, slug, name, unit, valuePerUnitMinor] of METRICS) {
    await createMetric(db, admin, { departmentId: departmentIds.get(department)!, slug, name, unit, valuePerUnitMinor });
  }

  const events = generateEvents({
    seed: 20261125,
    from,
    days: HISTORY_DAYS,
    keyPrefix: "demo",
    agents: AGENTS.map((agent) => agent.slug),
    plan: (slug) => {
      const agent = AGENTS.find((a) => a.slug === slug)!;
      return { models: agent.model, input: agent.input, output: agent.output, perDay: agent.perDay, taskType: agent.taskType, cachedShare: agent.model === "gpt-4o-mini" ? 0.3 : 0 };
    },
    users: ["alex@acme.example", "sam@acme.example", "member@allot.demo", "jo@acme.example", "kim@acme.example"],
  });
  // Outcomes grow by 40 % over the history as the agents are tuned: ROI trends up.
  const outcomes = METRICS.flatMap(([, metric, , , , agent, perDay], index) =>
    generateOutcomes({ seed: 7_000 + index, from, days: HISTORY_DAYS, keyPrefix: "demo", metric, agent, perDay: (day) => perDay * (1 + (0.4 * day) / HISTORY_DAYS) }),
  );
  await recordHistory(db, await gatewayKey(db, orgId), events, outcomes);
  log(`Usage history: ${events.length} events and ${outcomes.length} outcomes over ${HISTORY_DAYS} days.`);
}
