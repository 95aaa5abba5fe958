import { createGrant } from "../../server/ledger/grants";
import { createMetric } from "../../server/outcomes/metrics";
import { createOrganization } from "../../server/orgs/organizations";
import type { Transaction } from "../transaction";
import { DAY_MS, HISTORY_DAYS, createStructure, gatewayKey, generateEvents, generateOutcomes, importDemoPrices, recordHistory, type CallPlan } from "./demo-kit";
import { addPeople, type DemoPerson } from "./demo-people";

export const MIDSIZE_ORG_SLUG = "northwind";

/** The day (from the start of the history) the product recommender's prompt was fixed. */
export const RECOMMENDER_FIX_DAY = 60;

const TEAMS = [
  { slug: "sales", name: "Sales" },
  { slug: "support", name: "Support" },
  { slug: "commerce", name: "E-commerce" },
];

/** Twelve agents in three teams: [slug, name, team, model, input, output, calls a day, task type]. */
const AGENTS: [string, string, string, string, number, number, number, string][] = [
  ["lead-qualifier", "Lead qualifier", "sales", "gpt-4o-mini", 1_200, 200, 16, "lead-scoring"],
  ["email-drafter", "E-mail drafter", "sales", "gpt-4o", 800, 400, 6, "copywriting"],
  ["crm-updater", "CRM updater", "sales", "gpt-4o-mini", 600, 100, 20, "extraction"],
  ["call-summarizer", "Call summariser", "sales", "claude-3-haiku-20240307", 4_000, 300, 5, "summarisation"],
  ["helpdesk-bot", "Helpdesk bot", "support", "gpt-4o-mini", 1_500, 300, 30, "support-reply"],
  ["ticket-router", "Ticket router", "support", "gemini-2.0-flash", 700, 30, 24, "classification"],
  ["refund-checker", "Refund checker", "support", "gpt-4o-mini", 1_000, 150, 8, "classification"],
  ["kb-writer", "Knowledge-base writer", "support", "gpt-4o", 2_000, 1_500, 1.2, "writing"],
  ["product-recommender", "Product recommender", "commerce", "gpt-4o-mini", 20_000, 500, 20, "recommendation"],
  ["catalog-tagger", "Catalog tagger", "commerce", "gpt-4o-mini", 800, 100, 12, "classification"],
  ["review-moderator", "Review moderator", "commerce", "claude-3-haiku-20240307", 600, 50, 18, "moderation"],
  ["price-watcher", "Price watcher", "commerce", "deepseek-chat", 1_500, 200, 10, "extraction"],
];

function plan(agent: string, day: number): CallPlan {
  const [, , , model, input, output, perDay, taskType] = AGENTS.find(([slug]) => slug === agent)!;
  // The recommender sent the whole catalogue in every prompt; the fix sends the shortlist (≈ 70 % fewer credits).
  if (agent === "product-recommender" && day >= RECOMMENDER_FIX_DAY) return { models: model, input: 5_500, output: 300, perDay, taskType };
  return { models: model, input, output, perDay, taskType };
}

/**
 * A mid-size company: twelve agents in three teams, where the product recommender burns about
 * 40 % of the credits until a fix on day RECOMMENDER_FIX_DAY cuts its use by about 70 %.
 */
export async function seedMidsize(db: Transaction, people: DemoPerson[], log: (line: string) => void): Promise<void> {
  const { id: orgId } = await createOrganization(db, { slug: MIDSIZE_ORG_SLUG, name: "Northwind Retail (mid-size demo)", timeZone: "Europe/Berlin", currency: "EUR" });
  const departmentIds = await createStructure(db, orgId, {
    departments: TEAMS,
    projects: [],
    agents: AGENTS.map(([slug, name, department]) => ({ slug, name, department })),
  });
  const admin = await addPeople(db, orgId, people, departmentIds);
  const from = Date.now() - HISTORY_DAYS * DAY_MS;
  await importDemoPrices(db, orgId, new Date(from - DAY_MS), log);
  await createGrant(db, { orgId, kind: "purchase", amountMicros: 40_000 * 1_000_000, memo: "Annual credits (demo)" });
  const metric = (department: string, slug: string, name: string, unit: string, valuePerUnitMinor: number) =>
    createMetric(db, admin, { departmentId: departmentIds.get(department)!, slug, name, unit, valuePerUnitMinor });
  await metric("sales", "leads", "Qualified leads", "lead", 2_500);
  await metric("support", "tickets-deflected", "Tickets deflected", "ticket", 400);
  await metric("commerce", "recommendation-sales", "Sales from recommendations", "order", 1_200);

  const events = generateEvents({
    seed: 20260901,
    from,
    days: HISTORY_DAYS,
    keyPrefix: "midsize",
    agents: AGENTS.map(([slug]) => slug),
    plan,
    users: ["lena@northwind.example", "tom@northwind.example", "ines@northwind.example"],
  });
  const outcomes = [
    ...generateOutcomes({ seed: 1, from, days: HISTORY_DAYS, keyPrefix: "midsize", metric: "leads", agent: "lead-qualifier", perDay: () => 3 }),
    ...generateOutcomes({ seed: 2, from, days: HISTORY_DAYS, keyPrefix: "midsize", metric: "tickets-deflected", agent: "helpdesk-bot", perDay: () => 15 }),
    ...generateOutcomes({ seed: 3, from, days: HISTORY_DAYS, keyPrefix: "midsize", metric: "recommendation-sales", agent: "product-recommender", perDay: () => 6 }),
  ];
  await recordHistory(db, await gatewayKey(db, orgId), events, outcomes);
  log(`Mid-size demo: ${events.length} events and ${outcomes.length} outcomes over ${HISTORY_DAYS} days.`);
}
