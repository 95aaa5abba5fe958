import fs from "node:fs";
import path from "node:path";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { agents, organizations, usageEvents } from "../../db/schema";
import { DEMO_ORG_SLUG } from "../../db/seed/demo";
import { createApiKey } from "../../server/api-keys/api-keys";
import { findOrganizationBySlug } from "../../server/orgs/organizations";
import { signInAs, useBrowser } from "../support/browser";
import { useTestDatabase } from "../support/database";

/**
 * The usage dashboard against the seeded demo organisation (60 days of usage, read from the
 * rollups): filters kept in the URL, drill-down to the events behind a figure, a table's CSV, and
 * an event recorded over the API appearing without a reload.
 */
const { browser, appUrl } = useBrowser();
const db = useTestDatabase(2);
const SCREENSHOTS = path.resolve("tests/e2e/screenshots");
let token: string;

beforeAll(async () => {
  const org = await findOrganizationBySlug(db, DEMO_ORG_SLUG);
  ({ token } = await createApiKey(db, { orgId: org!.id, actor: "test", name: "dashboard e2e", scopes: ["usage:write"] }));
});

async function saveScreenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Events of the demo organisation in the dashboard's default range (the last 30 days in its zone), straight from the database. */
async function eventsInDefaultRange(where = sql`true`) {
  const [row] = await db
    .select({ events: sql<string>`count(*)`, charged: sql<string>`coalesce(sum(${usageEvents.chargedMicros}), 0)` })
    .from(usageEvents)
    .innerJoin(organizations, eq(organizations.id, usageEvents.orgId))
    .leftJoin(agents, and(eq(agents.orgId, usageEvents.orgId), eq(agents.id, usageEvents.agentId)))
    .where(
      and(
        eq(organizations.slug, DEMO_ORG_SLUG),
        gte(usageEvents.occurredAt, sql`(((now() AT TIME ZONE ${organizations.timeZone})::date - 29)::timestamp AT TIME ZONE ${organizations.timeZone})`),
        where,
      ),
    );
  return { events: Number(row!.events), chargedMicros: BigInt(row!.charged) };
}

const metric = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())!.replaceAll(",", "");

describe("usage dashboard", () => {
  it("filters in the URL, drills down to the events, exports its table and shows new usage without a reload", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1200 } });
    await signInAs(page, appUrl, /Ada Admin/);
    await page.goto(`${appUrl}/usage?by=agent`);
    await page.getByTestId("total-events").waitFor();
    const all = await eventsInDefaultRange();
    expect(Number(await metric(page, "total-events"))).toBe(all.events);
    expect((await page.getByTestId("breakdown-row").count()) > 1).toBe(true);

    // Filter on an agent: the URL carries it, every figure narrows to it.
    await page.getByLabel("Agent", { exact: true }).selectOption({ label: "Campaign writer" });
    await page.getByLabel("Granularity").selectOption("week");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/[?&]agentId=.*granularity=week|granularity=week.*[?&]agentId=/);
    const writer = await eventsInDefaultRange(eq(agents.slug, "campaign-writer"));
    await expect.poll(async () => Number(await metric(page, "total-events"))).toBe(writer.events);
    expect(await page.getByTestId("breakdown-row").allTextContents()).toEqual([expect.stringContaining("Campaign writer")]);
    await saveScreenshot(page, "usage-dashboard-filtered");

    // The table's CSV holds the same figures, exact.
    const csvHref = await page.getByRole("link", { name: "Export table CSV" }).getAttribute("href");
    const csv = await (await page.request.get(new URL(csvHref!, appUrl).toString())).text();
    expect(csv.split("\r\n")[0]).toContain("charged_micros");
    expect(csv).toContain(`Campaign writer`);
    expect(csv).toContain(`,${writer.chargedMicros},`);

    // Drill down: the events list with the same filter.
    await page.getByTestId("breakdown-row").getByRole("link", { name: "Events →" }).click();
    await page.waitForURL(/\/usage\/events\?.*agentId=/);
    await page.getByTestId("usage-row").first().waitFor();
    expect((await page.getByTestId("usage-row").allTextContents()).every((text) => text.includes("Campaign writer"))).toBe(true);

    // Live: an event recorded over the API appears without a reload.
    await page.goto(`${appUrl}/usage?by=agent`);
    await page.getByTestId("total-events").waitFor();
    const before = Number(await metric(page, "total-events"));
    await page.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));
    const recorded = await fetch(`${appUrl}/api/trpc/usage.record`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ idempotencyKey: `dashboard-e2e-${Date.now()}`, model: "gpt-4o", inputTokens: 5000, outputTokens: 500, agent: "campaign-writer" }),
    });
    expect(recorded.status).toBe(200);
    await expect.poll(async () => Number(await metric(page, "total-events")), { timeout: 30_000, interval: 500 }).toBe(before + 1);
    expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
    await expect(page.getByTestId("updated-ago").textContent()).resolves.toMatch(/Updated \d+ s ago/);
    await saveScreenshot(page, "usage-dashboard");
    await page.close();
  });

  it("shows a department head only their departments' agents", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Casey Service/);
    await page.goto(`${appUrl}/usage?by=department`);
    await page.getByTestId("breakdown-row").first().waitFor();
    expect(await page.getByTestId("breakdown-row").allTextContents()).toEqual([expect.stringContaining("Customer service")]);
    await page.close();
  });
});
