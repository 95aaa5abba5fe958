import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { agents, departments, organizations, usageEvents } from "../../db/schema";
import { screenshot, signInAs, useBrowser } from "../support/browser";
import { useTestDatabase } from "../support/database";

const { browser, appUrl } = useBrowser();
const db = useTestDatabase(2);

/** RFC 4180, enough for the exports: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(cell), (cell = "");
    else if (char === "\n") row.push(cell.replace(/\r$/, "")), rows.push(row), (row = []), (cell = "");
    else cell += char;
  }
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}

/** Exact credits ("0.012345") as micro-credits. */
function toMicros(credits: string): bigint {
  const [whole = "0", fraction = ""] = credits.split(".");
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0"));
}

/** The demo organisation's events matching `where`, straight from the database. */
async function eventsWhere(where: SQL) {
  const rows = await db
    .select({ id: usageEvents.id, chargedMicros: usageEvents.chargedMicros })
    .from(usageEvents)
    .innerJoin(organizations, eq(organizations.id, usageEvents.orgId))
    .leftJoin(agents, and(eq(agents.orgId, usageEvents.orgId), eq(agents.id, usageEvents.agentId)))
    .leftJoin(departments, and(eq(departments.orgId, usageEvents.orgId), eq(departments.id, usageEvents.departmentId)))
    .where(and(eq(organizations.slug, "demo"), where));
  return { ids: new Set(rows.map((r) => r.id)), chargedMicros: rows.reduce((sum, r) => sum + BigInt(r.chargedMicros), 0n) };
}

/** Downloads the page's CSV link with the member's own cookies. */
async function exportedRows(page: Page) {
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const response = await page.request.get(new URL(href!, appUrl).toString());
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  return { href: href!, rows: parseCsv(await response.text()) };
}

async function rowTexts(page: Page) {
  await page.getByTestId("usage-row").first().waitFor();
  return page.getByTestId("usage-row").allTextContents();
}

async function expectOnlyOwnLinks(page: Page) {
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.textContent()).resolves.not.toMatch(/Administration|Credits & grants|Price book|API keys|Organisation/);
}

describe("pricing", () => {
  it("shows the administrator gpt-4o's rates in credits and money, estimates a call, exports the rates and searches the models", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Ada Admin/);
    await page.goto(`${appUrl}/pricing`);
    // waitFor (visible), not textContent: a streamed page sits in a hidden container until it is swapped in.
    await page.getByTestId("credit-price").waitFor();
    await expect(page.getByTestId("credit-price").textContent()).resolves.toBe("1 credit = $0.0100");
    await page.getByText(/^Version \d+$/).first().waitFor();

    // The demo price book is LiteLLM's list price + 20 % at $0.01 a credit: gpt-4o's $2.50 / $10 / $1.25
    // per 1M tokens become 300 / 1,200 / 150 credits, i.e. $3.00 / $12.00 / $1.50.
    const gpt4o = page.getByTestId("model-gpt-4o");
    const cells = await gpt4o.getByRole("cell").allTextContents();
    expect(cells).toEqual(["gpt-4oopenai · chat", "300$3.00", "150$1.50", "as input", "1,200$12.00"]);
    await screenshot(page, "50-pricing");

    const estimate = page.getByRole("region", { name: "Estimate a cost" });
    await estimate.getByLabel("Model or operation").selectOption({ label: "Model · gpt-4o" });
    await estimate.getByLabel("Input tokens", { exact: true }).fill("1000");
    await estimate.getByLabel("Output tokens").fill("500");
    await estimate.getByLabel("Cached input tokens").fill("2000");
    await estimate.getByRole("button", { name: "Estimate" }).click();
    const total = estimate.getByTestId("estimate-total");
    await total.waitFor();
    await expect(estimate.getByLabel("Model or operation").inputValue()).resolves.toBe("model:gpt-4o");
    // 1,000 × 300 + 500 × 1,200 + 2,000 × 150 micro-credits per token … = 0.3 + 0.6 + 0.3 credits.
    await expect(total.textContent()).resolves.toBe("1.2 credits$0.012");
    const breakdown = await estimate.getByRole("status").textContent();
    expect(breakdown).toContain("1,000 tokens × 300 credits / 1M0.3 credits");
    expect(breakdown).toContain("500 tokens × 1,200 credits / 1M0.6 credits");
    expect(breakdown).toContain("2,000 tokens × 150 credits / 1M0.3 credits");
    await screenshot(page, "51-pricing-estimate");

    await estimate.getByLabel("Model or operation").selectOption({ label: "Operation · storage_gb_day" });
    await estimate.getByLabel("Quantity (GB-day)").fill("2.5");
    await estimate.getByRole("button", { name: "Estimate" }).click();
    await expect.poll(() => total.textContent()).toBe("5 credits$0.05");

    await estimate.getByLabel("Quantity (GB-day)").fill("0.0000001");
    await estimate.getByRole("button", { name: "Estimate" }).click();
    await estimate.getByRole("alert").waitFor();

    const csv = await page.request.get(`${appUrl}/pricing/export`);
    expect(csv.status()).toBe(200);
    const rates = parseCsv(await csv.text());
    expect(rates.find((r) => r.name === "gpt-4o" && r.component === "output")).toMatchObject({ credits: "1200", micros: "1200000000", money_USD: "12" });

    await page.getByLabel("Model or provider").fill("anthropic");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/[?&]model=anthropic/);
    await expect.poll(() => page.locator('[data-testid^="model-"]').count()).toBe(2);
    await expect(page.getByTestId("model-claude-3-5-sonnet-20241022").isVisible()).resolves.toBe(true);

    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await screenshot(page, "52-pricing-dark");
    await page.close();
  });
});

describe("usage", () => {
  it("filters by agent, pages on with the filter kept, and exports exactly the filtered events", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Ada Admin/);
    await page.goto(`${appUrl}/usage/events`);
    await page.getByLabel("Agent", { exact: true }).selectOption({ label: "Campaign writer" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/[?&]agentId=/);
    await expect.poll(async () => (await rowTexts(page)).every((text) => text.includes("Campaign writer"))).toBe(true);
    await screenshot(page, "53-usage-by-agent");

    await page.getByRole("link", { name: "Older →" }).click();
    await page.waitForURL(/[?&]cursor=/);
    expect(page.url()).toContain("agentId=");
    expect((await rowTexts(page)).every((text) => text.includes("Campaign writer"))).toBe(true);

    const { href, rows } = await exportedRows(page);
    expect(href).toMatch(/^\/usage\/export\?agentId=/);
    expect(href).not.toContain("cursor");
    const expected = await eventsWhere(eq(agents.slug, "campaign-writer"));
    expect(rows.length).toBe(expected.ids.size);
    expect(new Set(rows.map((r) => r.id))).toEqual(expected.ids);
    expect(rows.every((r) => r.agent === "Campaign writer")).toBe(true);
    expect(rows.reduce((sum, r) => sum + BigInt(r.charged_micros!), 0n)).toBe(expected.chargedMicros);
    // Exact credits and integer micros agree on every row.
    expect(rows.every((r) => BigInt(r.charged_micros!) === toMicros(r.charged_credits!))).toBe(true);
    // A filter the export cannot apply is refused, never dropped into an export of everything.
    expect((await page.request.get(`${appUrl}/usage/export?agentId=not-an-id`)).status()).toBe(400);
    await page.close();
  });

  it("shows Max Member only his own events and no administration links", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Max Member/);
    await expectOnlyOwnLinks(page);
    await page.goto(`${appUrl}/usage/events`);
    await page.getByText("Usage attributed to you (member@allot.demo)").waitFor();
    expect((await rowTexts(page)).every((text) => text.includes("member@allot.demo"))).toBe(true);
    await expect(page.getByLabel("User", { exact: true }).count()).resolves.toBe(0);
    await screenshot(page, "54-usage-member");

    const { rows } = await exportedRows(page);
    const expected = await eventsWhere(sql`lower(${usageEvents.userRef}) = 'member@allot.demo'`);
    expect(rows.length).toBe(expected.ids.size);
    expect(rows.every((r) => r.user === "member@allot.demo")).toBe(true);

    const refused = await page.request.get(`${appUrl}/credits/export`);
    expect(refused.status()).toBe(403);
    await page.close();
  });

  it("shows Casey Service only customer-service events", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Casey Service/);
    await expectOnlyOwnLinks(page);
    await page.goto(`${appUrl}/usage/events`);
    expect((await rowTexts(page)).every((text) => text.includes("Customer service"))).toBe(true);
    const departmentChoices = await page.getByLabel("Department", { exact: true }).locator("option").allTextContents();
    expect(departmentChoices).toEqual(["All departments", "Customer service"]);
    await screenshot(page, "55-usage-department-head");

    const { rows } = await exportedRows(page);
    const expected = await eventsWhere(eq(departments.slug, "customer-service"));
    expect(rows.length).toBe(expected.ids.size);
    expect(new Set(rows.map((r) => r.id))).toEqual(expected.ids);
    expect(rows.every((r) => r.department === "Customer service")).toBe(true);
    await page.close();
  });
});
