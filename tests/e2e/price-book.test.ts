import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, signInAs, useBrowser } from "../support/browser";

const { browser, appUrl } = useBrowser();
const SAMPLE = path.resolve("db/seed/data/litellm-model-prices.sample.json");

/** Imports the LiteLLM sample through the form (file → textarea) and returns the import's result region. */
async function importSample(page: Page, markupPercent: string) {
  await page.goto(`${appUrl}/admin/price-book`);
  const importSection = page.getByRole("region", { name: "Import from LiteLLM" });
  await importSection.getByLabel("Price map file (optional)").setInputFiles(SAMPLE);
  await importSection.getByText(/litellm-model-prices\.sample\.json .* loaded below/).waitFor();
  await expect(importSection.getByLabel("LiteLLM price map (JSON)").inputValue()).resolves.toContain('"gpt-4o-mini"');
  // The demo organisation sells credits at $0.01, so that is the default credit value.
  await expect(importSection.getByLabel("Credit value (USD per credit)").inputValue()).resolves.toBe("0.01");
  await importSection.getByLabel("Markup (%)").fill(markupPercent);
  await importSection.getByRole("button", { name: "Import as a new draft" }).click();
  await importSection.getByText(/15 models imported/).waitFor({ timeout: 60_000 });
  return importSection;
}

/** Publishes the open draft now and returns its title ("Version 3"). */
async function publishNow(page: Page): Promise<string> {
  await page.getByRole("region", { name: "Publish" }).getByRole("button", { name: "Publish" }).click();
  const title = page.getByRole("heading", { name: /^Version \d+$/ });
  await title.waitFor();
  await page.getByText("In force", { exact: true }).waitFor();
  return (await title.textContent())!;
}

describe("the price book", () => {
  it("imports the LiteLLM sample as a draft, edits a rate, publishes it, and the pricing page shows the new rate", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Ada Admin/);

    const imported = await importSample(page, "10");
    const skipped = imported.getByRole("table", { name: "Skipped entries" });
    for (const key of ["sample_spec", "1024-x-1024/dall-e-2", "amazon.nova-canvas-v1:0"]) {
      await expect(skipped.getByRole("cell", { name: key, exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(skipped.getByRole("row").count()).resolves.toBe(4);
    await screenshot(page, "30-litellm-imported");

    await imported.getByRole("link", { name: "Open the new draft" }).click();
    await page.waitForURL(/\/admin\/price-book\/[0-9a-f-]{36}$/);
    const draftUrl = page.url();
    // gpt-4o-mini lists at $0.15 per 1M input tokens: 15 credits at $0.01, plus 10 %.
    const modelRow = page.getByRole("row", { name: /gpt-4o-mini/ }).first();
    await expect(modelRow.textContent()).resolves.toContain("16.5");

    await modelRow.getByRole("button", { name: "Edit gpt-4o-mini" }).click();
    const editor = page.locator("tr", { has: page.getByRole("button", { name: "Save gpt-4o-mini" }) });
    await editor.getByLabel("Input (credits per 1M tokens)", { exact: true }).fill("17.25");
    await editor.getByRole("button", { name: "Save gpt-4o-mini" }).click();
    await editor.getByText("gpt-4o-mini saved.").waitFor();
    await expect(modelRow.textContent()).resolves.toContain("17.25");
    await screenshot(page, "31-draft-rate-edited");

    const csv = await page.request.get(`${draftUrl}/export`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/^model,gpt-4o-mini,openai,chat,17\.25,/m);

    const version = await publishNow(page);
    await screenshot(page, "32-version-published");

    await page.goto(`${appUrl}/pricing`);
    await page.getByText(version, { exact: true }).first().waitFor();
    await expect(page.getByTestId("model-gpt-4o-mini").textContent()).resolves.toContain("17.25");
    await screenshot(page, "33-pricing-shows-new-rate");
    await page.close();
  });

  // The browser suites share one demo organisation; the others expect its seeded prices (+20 %).
  it("restores the demo prices with a later version, as an administrator would", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Ada Admin/);
    const imported = await importSample(page, "20");
    await imported.getByRole("link", { name: "Open the new draft" }).click();
    await page.waitForURL(/\/admin\/price-book\/[0-9a-f-]{36}$/);
    await publishNow(page);
    await page.goto(`${appUrl}/pricing`);
    await page.getByTestId("model-gpt-4o-mini").waitFor();
    await expect(page.getByTestId("model-gpt-4o-mini").textContent()).resolves.toMatch(/^gpt-4o-mini.*18\$0\.18/);
    await page.close();
  });
});
