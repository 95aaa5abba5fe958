import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ORG_SLUG, seedDemo } from "../../db/seed/demo";
import { HISTORY_DAYS } from "../../db/seed/demo-kit";
import { MIDSIZE_ORG_SLUG, RECOMMENDER_FIX_DAY } from "../../db/seed/demo-midsize";
import { STARTUP_ORG_SLUG, STARTUP_ROUTING_DAY } from "../../db/seed/demo-startup";
import { loadMemberPrincipal, resolveMemberPrincipal } from "../../server/auth/principal";
import { createCaller } from "../../server/api/root";
import { findUserByEmail, listMemberships } from "../../server/orgs/members";
import { findOrganizationBySlug } from "../../server/orgs/organizations";
import { useTestDatabase } from "../support/database";

const db = useTestDatabase();

/** Credits and tasks per agent, before and after a day of the history (read from the seed's idempotency keys). */
async function agentSpend(orgSlug: string, splitDay: number) {
  const rows = await db.execute<{ agent: string; after: boolean; events: string; cost: string; days: string }>(sql`
    SELECT a.slug AS agent, (substring(e.idempotency_key from '-(\\d+)-\\d+$')::int >= ${splitDay}) AS after,
           count(*)::text AS events, sum(e.cost_micros)::text AS cost,
           count(DISTINCT substring(e.idempotency_key from '-(\\d+)-\\d+$'))::text AS days
    FROM allot.usage_events e
    JOIN allot.organizations o ON o.id = e.org_id
    JOIN allot.agents a ON a.org_id = e.org_id AND a.id = e.agent_id
    WHERE o.slug = ${orgSlug}
    GROUP BY 1, 2`);
  return rows.map((row) => ({ agent: row.agent, after: row.after, events: Number(row.events), costMicros: Number(row.cost), days: Number(row.days) }));
}

let seconds = 0;
beforeAll(async () => {
  const started = Date.now();
  await seedDemo(db, () => {});
  seconds = (Date.now() - started) / 1000;
  console.log(`[demo seed] three organisations in ${seconds.toFixed(1)} s`);
}, 300_000);

describe("the demo stories", () => {
  it("seeds quickly enough for npm run dev and the browser suite's setup", () => {
    expect(seconds).toBeLessThan(120);
  });

  it("the startup's routing of 80 % of queries to the small model cuts the cost per interaction by 55–65 %", async () => {
    const chatbot = (await agentSpend(STARTUP_ORG_SLUG, STARTUP_ROUTING_DAY)).filter((row) => row.agent === "support-chatbot");
    const perInteraction = (after: boolean) => {
      const row = chatbot.find((r) => r.after === after)!;
      return row.costMicros / row.events;
    };
    const cut = 1 - perInteraction(true) / perInteraction(false);
    expect(cut).toBeGreaterThan(0.55);
    expect(cut).toBeLessThan(0.65);
  });

  it("the startup's what-if over its comparison period predicts about the same", async () => {
    const org = (await findOrganizationBySlug(db, STARTUP_ORG_SLUG))!;
    const admin = await adminOf(org.id);
    const result = await createCaller({ db, principal: admin }).reports.whatIf({
      days: HISTORY_DAYS + 2,
      taskType: "support-reply",
      routing: [
        { model: "gpt-4o-mini", percent: 80 },
        { model: "gpt-4-turbo", percent: 20 },
      ],
    });
    expect(result.tasks).toBeGreaterThan(2_000);
    expect(result.differenceMicros).toBeLessThan(0);
  });

  it("the mid-size company's recommender burns about 40 % of credits until its fix cuts its use by about 70 %", async () => {
    const rows = await agentSpend(MIDSIZE_ORG_SLUG, RECOMMENDER_FIX_DAY);
    expect(new Set(rows.map((row) => row.agent)).size).toBe(12);
    const before = rows.filter((row) => !row.after);
    const recommender = (after: boolean) => rows.find((row) => row.agent === "product-recommender" && row.after === after)!;
    const share = recommender(false).costMicros / before.reduce((sum, row) => sum + row.costMicros, 0);
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
    const perDay = (after: boolean) => recommender(after).costMicros / (after ? HISTORY_DAYS - RECOMMENDER_FIX_DAY : RECOMMENDER_FIX_DAY);
    const cut = 1 - perDay(true) / perDay(false);
    expect(cut).toBeGreaterThan(0.62);
    expect(cut).toBeLessThan(0.78);
  });

  it("the enterprise has 90+ days of history and outcomes in customer service, marketing, legal and operations", async () => {
    const org = (await findOrganizationBySlug(db, DEMO_ORG_SLUG))!;
    const [span] = await db.execute<{ days: string }>(sql`
      SELECT extract(day FROM max(occurred_at) - min(occurred_at))::text AS days FROM allot.usage_events WHERE org_id = ${org.id}`);
    expect(Number(span!.days)).toBeGreaterThanOrEqual(90);
    const report = await createCaller({ db, principal: await adminOf(org.id) }).reports.roi({});
    const valued = report.departments.filter((d) => d.total.valueMinor > 0).map((d) => d.name);
    expect(valued).toEqual(expect.arrayContaining(["Customer service", "Marketing", "Legal", "Operations"]));
    for (const department of report.departments.filter((d) => valued.includes(d.name))) {
      expect(department.total.costMinor, department.name).toBeGreaterThan(0);
    }
  });

  it("the administrator and finance belong to all three organisations, and the enterprise is the one they start in", async () => {
    for (const email of ["admin@allot.demo", "finance@allot.demo"]) {
      const user = (await findUserByEmail(db, email))!;
      const slugs = (await listMemberships(db, user.id)).map((m) => m.slug);
      expect(slugs.sort()).toEqual([DEMO_ORG_SLUG, MIDSIZE_ORG_SLUG, STARTUP_ORG_SLUG].sort());
      const principal = await resolveMemberPrincipal(db, user.id, undefined);
      expect(principal?.orgId).toBe((await findOrganizationBySlug(db, DEMO_ORG_SLUG))!.id);
    }
    const head = (await findUserByEmail(db, "cs-head@allot.demo"))!;
    expect((await listMemberships(db, head.id)).map((m) => m.slug)).toEqual([DEMO_ORG_SLUG]);
  });
});

async function adminOf(orgId: string) {
  const user = (await findUserByEmail(db, "admin@allot.demo"))!;
  return (await loadMemberPrincipal(db, user.id, orgId))!;
}
