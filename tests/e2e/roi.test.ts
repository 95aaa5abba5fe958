import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../db/client";
import { departments } from "../../db/schema";
import { DEMO_ORG_SLUG } from "../../db/seed/demo";
import { findOrganizationBySlug } from "../../server/orgs/organizations";
import { screenshot, signInAs, useBrowser } from "../support/browser";

/**
 * Outcomes and ROI end to end on the seeded enterprise: a department head sees only their
 * department (page, monthly report and CSV); finance compares every department; the models page
 * re-prices a task type live; a department head enters an outcome by hand.
 */
const { browser, appUrl } = useBrowser();
const db = createDatabase({ url: inject("databaseUrl"), max: 2, applicationName: "allot-e2e-roi" });
const departmentIds = new Map<string, string>();

beforeAll(async () => {
  const org = await findOrganizationBySlug(db, DEMO_ORG_SLUG);
  if (!org) throw new Error("The demo organisation was not seeded");
  const rows = await db.select({ id: departments.id, slug: departments.slug }).from(departments).where(and(eq(departments.orgId, org.id)));
  for (const row of rows) departmentIds.set(row.slug, row.id);
});

afterAll(async () => {
  await db.$client.end({ timeout: 5 });
});

async function signedIn(person: RegExp): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
  await signInAs(page, appUrl, person);
  return page;
}

const sectionNames = (page: Page) => page.getByTestId("roi-department").getByRole("heading", { level: 2 }).allTextContents();

describe("ROI", () => {
  it("a department head sees only their department, on the page, in the monthly report and in the CSV", async () => {
    const page = await signedIn(/Casey Service/);
    await page.goto(`${appUrl}/roi`);
    await page.getByTestId("roi-department").first().waitFor();
    expect(await sectionNames(page)).toEqual(["Customer service"]);
    await expect(page.getByTestId("roi-comparison").count()).resolves.toBe(0);
    expect(await page.getByTestId("roi-month-row").count()).toBeGreaterThan(0);
    // The list price until a purchase is paid that month (the purchases browser test may have paid one), then the average paid.
    await expect(page.getByTestId("credit-price-note").textContent()).resolves.toMatch(/\$0\.0\d+ a credit \((list price|average paid on purchases)\)/);
    await screenshot(page, "80-roi-department-head");

    // Another department in the query is ignored, not shown.
    await page.goto(`${appUrl}/roi?department=${departmentIds.get("marketing")}`);
    await page.getByTestId("roi-department").first().waitFor();
    expect(await sectionNames(page)).toEqual(["Customer service"]);
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("department");

    // The monthly report of the own department prints; another department's is a 404.
    await page.getByRole("link", { name: "Monthly report" }).first().click();
    await page.getByTestId("report-roi").waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/^Customer service — \w{3} \d{4}$/);
    await screenshot(page, "81-roi-monthly-report");
    const month = new URL(page.url()).pathname.split("/").at(-1);
    // The console streams (it has a loading state), so the 404 page arrives with status 200, as for budgets.
    await page.goto(`${appUrl}/roi/${departmentIds.get("marketing")}/${month}`);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await expect(page.getByTestId("report-roi").count()).resolves.toBe(0);

    for (const table of ["months", "agents", "comparison"]) {
      const csv = await page.request.get(`${appUrl}/roi/export?table=${table}`);
      expect(csv.status()).toBe(200);
      const text = await csv.text();
      expect(text, table).toContain("Customer service");
      expect(text, table).not.toMatch(/Marketing|Legal|Operations|Product/);
    }
    const sneaky = await page.request.get(`${appUrl}/roi/export?department=${departmentIds.get("legal")}`);
    expect(sneaky.status()).toBe(403);
    await page.close();
  });

  it("finance compares every department and downloads the comparison", async () => {
    const page = await signedIn(/Finn Finance/);
    await page.goto(`${appUrl}/roi`);
    await page.getByTestId("roi-comparison").waitFor();
    const compared = await page.getByTestId("roi-comparison-row").getByRole("cell").allTextContents();
    for (const name of ["Customer service", "Marketing", "Legal", "Operations"]) expect(compared).toContain(name);
    expect(await sectionNames(page)).toEqual(expect.arrayContaining(["Customer service", "Marketing", "Legal", "Operations"]));
    await screenshot(page, "82-roi-finance-comparison");
    const csv = await page.request.get(`${appUrl}/roi/export?table=comparison`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toContain("roi_bps");
    expect(lines.length).toBeGreaterThanOrEqual(5);
    await page.close();
  });

  it("the models page compares models and re-prices a task type live", async () => {
    const page = await signedIn(/Ada Admin/);
    await page.goto(`${appUrl}/models?days=90`);
    await page.getByTestId("task-type").first().waitFor();
    expect(await page.getByTestId("model-row").count()).toBeGreaterThan(0);
    const result = page.getByTestId("what-if-result");
    await expect.poll(() => result.getByTestId("what-if-cost").count(), { timeout: 30_000 }).toBe(1);
    // The demo's support replies all went to gpt-4o-mini: what if 30 % had gone to gpt-4o?
    const whatIf = page.getByRole("region", { name: "What if" });
    await whatIf.getByLabel("Task type").selectOption("support-reply");
    await whatIf.getByRole("button", { name: "Add a model" }).click();
    await whatIf.getByLabel("Model 2", { exact: true }).selectOption("gpt-4o");
    await whatIf.getByRole("textbox", { name: "Share of tasks (%)" }).first().fill("70");
    await expect.poll(() => whatIf.getByText(/must add up to 100/).count()).toBe(1);
    await whatIf.getByRole("textbox", { name: "Share of tasks (%)" }).nth(1).fill("30");
    await expect.poll(() => result.getByTestId("what-if-difference").textContent(), { timeout: 30_000 }).toMatch(/^\+[\d,.]+ credits \(\+\d+\.\d{2} %\)$/);
    await screenshot(page, "83-models-what-if");
    const csv = await page.request.get(`${appUrl}/models/export?days=90`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("median_credits_per_task");
    await page.close();
  });

  it("a department head records an outcome by hand and sees it listed", async () => {
    const page = await signedIn(/Casey Service/);
    await page.goto(`${appUrl}/outcomes`);
    const form = page.getByRole("form", { name: "Record an outcome" });
    await form.getByLabel("Metric").selectOption({ label: "Tickets deflected (Customer service)" });
    await form.getByLabel("Quantity").fill("7.5");
    await form.getByLabel("Note (optional)").fill("e2e manual entry");
    await form.getByRole("button", { name: "Record outcome" }).click();
    await form.getByRole("status").waitFor();
    await expect.poll(() => page.getByTestId("outcome-row").first().textContent()).toContain("7.5 ticket");
    const departmentsShown = new Set(await page.getByTestId("metric-row").locator("td:nth-child(2)").allTextContents());
    expect([...departmentsShown]).toEqual(["Customer service"]);
    await screenshot(page, "84-outcomes-department-head");
    await page.close();
  });
});
