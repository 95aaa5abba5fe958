import { describe, expect, it } from "vitest";
import { screenshot, signInAs, useBrowser } from "../support/browser";

const { browser, appUrl } = useBrowser();

describe("the demo administrator", () => {
  it("signs in and sees the balance", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(appUrl);
    await page.waitForURL(/\/signin/);
    await screenshot(page, "01-signin");
    await signInAs(page, appUrl, /Ada Admin/);
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    const available = await page.getByTestId("available-credits").textContent();
    expect(Number(available?.replaceAll(",", ""))).toBeGreaterThan(0);
    await screenshot(page, "02-overview");
    await page.close();
  });
});
