import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../db/client";
import { DEMO_ORG_SLUG } from "../../db/seed/demo";
import { createApiKey } from "../../server/api-keys/api-keys";
import { formatCredits } from "../../app/_lib/format";
import { formatScaled } from "../../server/lib/decimal";
import { findOrganizationBySlug } from "../../server/orgs/organizations";
import { screenshot, signInAs, useBrowser } from "../support/browser";

/**
 * Budgets end to end: created in the UI, crossed by usage a sibling app records over HTTP with an
 * API key, alerted in the feed and by e-mail (seen rendered in the dev mailbox), and visible only
 * to the roles and departments that may see them.
 */
const { browser, appUrl } = useBrowser();
const db = createDatabase({ url: inject("databaseUrl"), max: 2, applicationName: "allot-e2e-budgets" });
const RUN = Date.now().toString(36);
const SUPPORT_BUDGET = `Support chatbot daily ${RUN}`;
const MARKETING_BUDGET = `Campaign writer weekly ${RUN}`;
/** One support-chatbot call, as the gateway sends it. */
const CALL = { model: "gpt-4o-mini", inputTokens: 100_000, outputTokens: 10_000, agent: "support-chatbot" };

let token: string;
let marketingBudgetUrl: string;

beforeAll(async () => {
  const org = await findOrganizationBySlug(db, DEMO_ORG_SLUG);
  if (!org) throw new Error("The demo organisation was not seeded");
  ({ token } = await createApiKey(db, { orgId: org.id, actor: "test", name: `budgets e2e ${RUN}`, scopes: ["usage:write", "pricing:read"] }));
});

afterAll(async () => {
  await db.$client.end({ timeout: 5 });
});

/** A tRPC call over HTTP, as a sibling app makes it: the answer's data, or the test fails with the body. */
async function callApi<T>(procedure: string, input: unknown, method: "GET" | "POST"): Promise<T> {
  const url = `${appUrl}/api/trpc/${procedure}${method === "GET" ? `?input=${encodeURIComponent(JSON.stringify(input))}` : ""}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: method === "POST" ? JSON.stringify(input) : undefined,
  });
  const body = (await response.json()) as { result?: { data: T } };
  if (!response.ok || !body.result) throw new Error(`${procedure} answered ${response.status}: ${JSON.stringify(body)}`);
  return body.result.data;
}

const recordCall = (key: string, agent = CALL.agent) =>
  callApi<{ costMicros: number; replay: boolean }>("usage.record", { idempotencyKey: key, ...CALL, agent }, "POST");

/** Credits as the console shows them (5040000 µcr → "5.04"), and as the CSV holds them (no grouping). */
const shown = formatCredits;
const exact = (micros: number) => formatScaled(micros, 6);

/** The open-alert count in the navigation (no badge when there are none). */
async function openAlerts(page: Page): Promise<number> {
  const badge = page.getByTestId("open-alerts");
  return (await badge.count()) === 0 ? 0 : Number((await badge.textContent())?.replace(/\D/g, ""));
}

async function newPage(person: RegExp): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
  await signInAs(page, appUrl, person);
  return page;
}

describe("budgets and alerts", () => {
  it("an administrator sets a per-agent daily budget; usage over HTTP crosses 50 %; the alert is in the feed and its e-mail, with the numbers, in the dev mailbox", async () => {
    // The limit is three calls' worth, so the second call crosses 50 % and nothing more.
    const { costMicros: callMicros } = await callApi<{ costMicros: number }>("pricing.estimate", { model: CALL.model, inputTokens: CALL.inputTokens, outputTokens: CALL.outputTokens }, "GET");
    const limitMicros = 3 * callMicros;

    const page = await newPage(/Ada Admin/);
    await page.goto(`${appUrl}/budgets`);
    await page.getByText("Per-agent and per-user spending limits are budgets on those scopes.").waitFor();
    await page.getByRole("link", { name: "New budget" }).click();
    await page.getByRole("heading", { name: "New budget" }).waitFor();
    await page.getByLabel("Name").fill(SUPPORT_BUDGET);
    await page.getByLabel("Scope").selectOption("agent");
    await page.getByLabel("Agent", { exact: true }).selectOption({ label: "Support chatbot" });
    await page.getByLabel("Period").selectOption("day");
    await page.getByLabel("Limit (credits)").fill("1.0000001");
    await page.getByLabel("Threshold 4 (%)").fill("120");
    await page.getByRole("button", { name: "Create budget" }).click();
    await page.getByText("The limit allows at most 6 decimal places").waitFor();
    await expect(page.getByText("Each threshold is a whole percentage from 1 to 100").isVisible()).resolves.toBe(true);
    // What was typed stays, to be corrected.
    await expect(page.getByLabel("Agent", { exact: true }).inputValue()).resolves.not.toBe("");
    await expect(page.getByLabel("Period").inputValue()).resolves.toBe("day");
    await screenshot(page, "70-budget-form-refused");

    await page.getByLabel("Limit (credits)").fill(exact(limitMicros));
    await page.getByLabel("Threshold 4 (%)").fill("100");
    await page.getByRole("button", { name: "Create budget" }).click();
    await page.waitForURL(/\/budgets\/[0-9a-f-]{36}$/);
    const budgetUrl = page.url();
    await page.getByRole("heading", { name: SUPPORT_BUDGET }).waitFor();
    await expect(page.getByTestId("budget-spent").textContent()).resolves.toBe("0");
    await expect(page.getByTestId("budget-limit").textContent()).resolves.toBe(shown(limitMicros));
    await screenshot(page, "71-budget-created");

    // The gateway records two calls: 33 % and then 67 % of the limit.
    const first = await recordCall(`budget-e2e-${RUN}-1`);
    const second = await recordCall(`budget-e2e-${RUN}-2`);
    expect([first.costMicros, second.costMicros]).toEqual([callMicros, callMicros]);
    const spentMicros = 2 * callMicros;

    await page.reload();
    await expect(page.getByTestId("budget-spent").textContent()).resolves.toBe(shown(spentMicros));
    await expect(page.getByTestId("budget-remaining").textContent()).resolves.toBe(shown(limitMicros - spentMicros));
    const budgetAlerts = page.getByRole("list", { name: "Alerts, newest first" });
    // The page streams in (loading.tsx): React may reveal the alerts a moment after the load event.
    await expect.poll(() => budgetAlerts.getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`Open${SUPPORT_BUDGET} reached 50 % of its limit${shown(spentMicros)} of ${shown(limitMicros)} credits spent`)),
    ]);
    await screenshot(page, "72-budget-detail-past-50");

    await page.goto(`${appUrl}/budgets`);
    const row = page.getByRole("row", { name: new RegExp(SUPPORT_BUDGET) });
    await expect(row.textContent()).resolves.toMatch(new RegExp(`Agent: Support chatbot.*Day.*Alert.*${shown(spentMicros)} spent of ${shown(limitMicros)} credits \\(66\\.6 %\\)`));
    await expect(row.getByRole("meter").getAttribute("aria-valuetext")).resolves.toMatch(/alerts at 50, 75, 90, 100 %/);
    await screenshot(page, "73-budgets-list");
    const csv = await page.request.get(`${appUrl}/budgets/export?scope=agent`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toMatch(/^id,name,scope,scope_name,period,period_start \(Europe\/London\),period_end \(Europe\/London\),mode,limit_credits,limit_micros,spent_credits,spent_micros,/);
    const line = lines.find((row) => row.includes(SUPPORT_BUDGET));
    expect(line).toContain(`,agent,Support chatbot,day,`);
    expect(line).toContain(`,alert,${exact(limitMicros)},${limitMicros},${exact(spentMicros)},${spentMicros},`);

    // The feed, with the open count in the navigation.
    await page.goto(`${appUrl}/alerts`);
    const alert = page.getByRole("listitem").filter({ hasText: `${SUPPORT_BUDGET} reached 50 % of its limit` });
    await expect(alert.textContent()).resolves.toContain(`${shown(spentMicros)} of ${shown(limitMicros)} credits spent in the period.`);
    const openBefore = await openAlerts(page);
    expect(openBefore).toBeGreaterThanOrEqual(1);
    await screenshot(page, "74-alerts-feed");

    // The e-mails wait in the outbox (the test server runs no background jobs): the administrator sends hers now.
    await page.goto(`${appUrl}/admin/deliveries`);
    const subject = `Budget "${SUPPORT_BUDGET}" has reached 50 % of its limit`;
    const message = page.getByRole("row", { name: new RegExp(`${subject}.*admin@allot\\.demo`) });
    await expect(message.textContent()).resolves.toMatch(/Pending/);
    await expect(page.getByRole("row", { name: new RegExp(`${subject}.*cs-head@allot\\.demo`) }).count()).resolves.toBe(1);
    await message.getByRole("button", { name: /Send now/ }).click();
    // Sending goes through the dispatcher and the (dev mailbox) sender: allow it a few seconds on a busy machine.
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toMatch(/Sent/);
    await screenshot(page, "75-deliveries");

    await page.goto(`${appUrl}/dev/mailbox`);
    await page.getByRole("link", { name: new RegExp(`${subject}.*To admin@allot\\.demo`) }).click();
    await page.getByRole("heading", { name: subject }).waitFor();
    const email = page.getByTitle(`E-mail: ${subject}`).contentFrame();
    await email.getByText(`passed the 50 % alert threshold of the budget “${SUPPORT_BUDGET}”`, { exact: false }).waitFor();
    const figures = (await email.locator("body").textContent()) ?? "";
    expect(figures).toContain(`Spent${shown(spentMicros)}`);
    expect(figures).toContain(`Limit${shown(limitMicros)}`);
    await screenshot(page, "76-dev-mailbox");

    // Acknowledged, it stops counting as open.
    await page.goto(`${appUrl}/alerts`);
    await alert.getByRole("button", { name: /Acknowledge/ }).click();
    await expect.poll(() => alert.textContent()).toMatch(/Acknowledged/);
    await expect.poll(() => openAlerts(page)).toBe(openBefore - 1);

    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(budgetUrl);
    await page.getByRole("heading", { name: SUPPORT_BUDGET }).waitFor();
    await screenshot(page, "77-budget-detail-dark");
    await page.close();
  });

  it("organisation settings: below the low-balance level the next spend raises an alert; an empty level turns it off", async () => {
    const page = await newPage(/Ada Admin/);
    await page.goto(`${appUrl}/admin/organization`);
    const level = page.getByLabel("Low-balance alert below (credits)");
    await expect(level.inputValue()).resolves.toBe("");
    await level.fill("12.5x");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("The low-balance level must be a decimal number such as 2.5").waitFor();
    // Above what the demo organisation holds, so the next call is below it.
    await level.fill("10000000");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Settings saved." }).waitFor();
    await page.reload();
    await expect(page.getByLabel("Low-balance alert below (credits)").inputValue()).resolves.toBe("10000000");

    await recordCall(`low-balance-${RUN}`, "ticket-triage");
    await page.goto(`${appUrl}/alerts?show=open`);
    const alert = page.getByRole("listitem").filter({ hasText: "Available balance fell below 10,000,000 credits" }).first();
    await expect(alert.textContent()).resolves.toMatch(/credits available; alert threshold 10,000,000 credits\./);
    await expect(alert.getByRole("link", { name: "Credits →" }).count()).resolves.toBe(1);
    await screenshot(page, "78-low-balance-alert");

    await page.goto(`${appUrl}/admin/organization`);
    await page.getByLabel("Low-balance alert below (credits)").fill("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Settings saved." }).waitFor();
    await page.reload();
    await expect(page.getByLabel("Low-balance alert below (credits)").inputValue()).resolves.toBe("");
    await page.close();
  });

  it("a department head sets budgets only on their own department's agents, and another department's budget is a 404 to them", async () => {
    const morgan = await newPage(/Morgan Reach/);
    await morgan.goto(`${appUrl}/budgets/new`);
    await morgan.getByRole("heading", { name: "New budget" }).waitFor();
    await expect(morgan.getByLabel("Scope").locator("option").allTextContents()).resolves.toEqual(["Agent", "Department", "Project"]);
    const agents = await morgan.getByLabel("Agent", { exact: true }).locator("option").allTextContents();
    expect(agents).toEqual(["Choose an agent…", "Campaign writer", "Lead scorer"]);
    await morgan.getByLabel("Name").fill(MARKETING_BUDGET);
    await morgan.getByLabel("Agent", { exact: true }).selectOption({ label: "Campaign writer" });
    await morgan.getByLabel("Period").selectOption("week");
    await morgan.getByLabel("Limit (credits)").fill("50");
    await morgan.getByRole("radio", { name: /Pause/ }).check();
    await morgan.getByRole("button", { name: "Create budget" }).click();
    await morgan.waitForURL(/\/budgets\/[0-9a-f-]{36}$/);
    marketingBudgetUrl = morgan.url();
    await morgan.getByRole("heading", { name: "Resume for the rest of this period" }).waitFor();
    await screenshot(morgan, "79-department-head-pause-budget");
    await morgan.close();

    const casey = await newPage(/Casey Service/);
    await casey.goto(`${appUrl}/budgets`);
    await casey.getByRole("row", { name: new RegExp(SUPPORT_BUDGET) }).waitFor();
    await expect(casey.getByRole("row", { name: new RegExp(MARKETING_BUDGET) }).count()).resolves.toBe(0);
    await screenshot(casey, "80-department-head-budgets");
    // The console streams (it has a loading state), so the status is sent before the page finds nothing: the 404 page shows, with 200.
    await casey.goto(marketingBudgetUrl);
    await casey.getByRole("heading", { name: "Page not found" }).waitFor();
    await expect(casey.getByText(MARKETING_BUDGET).count()).resolves.toBe(0);
    await screenshot(casey, "81-department-head-other-budget-404");
    await casey.close();
  });

  it("refuses a member: no budget or alert pages, no export, nothing in the navigation", async () => {
    const page = await newPage(/Max Member/);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Budgets" }).count()).resolves.toBe(0);
    await page.goto(`${appUrl}/budgets`);
    await page.getByRole("alert").filter({ hasText: "Not for your role" }).waitFor();
    await expect(page.getByRole("link", { name: "New budget" }).count()).resolves.toBe(0);
    await screenshot(page, "82-member-refused-budgets");
    await page.goto(marketingBudgetUrl);
    await page.getByRole("alert").filter({ hasText: "Not for your role" }).waitFor();
    await page.goto(`${appUrl}/alerts`);
    await page.getByRole("alert").filter({ hasText: "Not for your role" }).waitFor();
    expect((await page.request.get(`${appUrl}/budgets/export`)).status()).toBe(403);
    await page.close();
  });
});
