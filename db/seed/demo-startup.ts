import { createGrant } from "../../server/ledger/grants";
import { createMetric } from "../../server/outcomes/metrics";
import { createOrganization } from "../../server/orgs/organizations";
import type { Transaction } from "../transaction";
import { DAY_MS, HISTORY_DAYS, createStructure, gatewayKey, generateEvents, generateOutcomes, importDemoPrices, recordHistory, type CallPlan } from "./demo-kit";
import { addPeople, type DemoPerson } from "./demo-people";

export const STARTUP_ORG_SLUG = "brightbyte";

/** The day (from the start of the history) the startup routed 80 % of its chatbot's queries to the small model. */
export const STARTUP_ROUTING_DAY = 55;

/** The three models it compared: small, mid and large. */
export const STARTUP_MODELS = { small: "gpt-4o-mini", mid: "gpt-4o", large: "gpt-4-turbo" } as const;

const chatbot = (day: number): CallPlan => ({
  perDay: 40,
  input: 1_500,
  output: 300,
  taskType: "support-reply",
  // Before: a comparison of all three; after: 80 % to the small model, the hard 20 % to the large one.
  models:
    day < STARTUP_ROUTING_DAY
      ? [
          { model: STARTUP_MODELS.small, share: 0.2 },
          { model: STARTUP_MODELS.mid, share: 0.4 },
          { model: STARTUP_MODELS.large, share: 0.4 },
        ]
      : [
          { model: STARTUP_MODELS.small, share: 0.8 },
          { model: STARTUP_MODELS.large, share: 0.2 },
        ],
});

const releaseNotes: CallPlan = { perDay: 2, input: 4_000, output: 900, taskType: "writing", models: STARTUP_MODELS.mid };

/**
 * A startup comparing a small, a mid and a large model on its support chatbot; on day
 * STARTUP_ROUTING_DAY it routes 80 % of queries to the small one, which cuts the cost per
 * interaction by about 60 % (the what-if on the first period predicts it).
 */
export async function seedStartup(db: Transaction, people: DemoPerson[], log: (line: string) => void): Promise<void> {
  const { id: orgId } = await createOrganization(db, { slug: STARTUP_ORG_SLUG, name: "Brightbyte (startup demo)", timeZone: "America/New_York" });
  const departmentIds = await createStructure(db, orgId, {
    departments: [
      { slug: "support", name: "Support" },
      { slug: "product", name: "Product" },
    ],
    projects: [{ slug: "chatbot", name: "Support chatbot", department: "support" }],
    agents: [
      { slug: "support-chatbot", name: "Support chatbot", department: "support", project: "chatbot" },
      { slug: "release-notes", name: "Release-notes writer", department: "product" },
    ],
  });
  const admin = await addPeople(db, orgId, people, departmentIds);
  const from = Date.now() - HISTORY_DAYS * DAY_MS;
  await importDemoPrices(db, orgId, new Date(from - DAY_MS), log);
  await createGrant(db, { orgId, kind: "purchase", amountMicros: 20_000 * 1_000_000, memo: "Seed round credits (demo)" });
  await createMetric(db, admin, { departmentId: departmentIds.get("support")!, slug: "tickets-resolved", name: "Tickets resolved", unit: "ticket", valuePerUnitMinor: 400 });

  const events = generateEvents({
    seed: 20260801,
    from,
    days: HISTORY_DAYS,
    keyPrefix: "startup",
    agents: ["support-chatbot", "release-notes"],
    plan: (agent, day) => (agent === "support-chatbot" ? chatbot(day) : releaseNotes),
    users: ["ana@brightbyte.example", "ben@brightbyte.example", "admin@allot.demo"],
  });
  const outcomes = generateOutcomes({ seed: 20260802, from, days: HISTORY_DAYS, keyPrefix: "startup", metric: "tickets-resolved", agent: "support-chatbot", perDay: () => 12 });
  await recordHistory(db, await gatewayKey(db, orgId), events, outcomes);
  log(`Startup demo: ${events.length} events and ${outcomes.length} outcomes over ${HISTORY_DAYS} days.`);
}
