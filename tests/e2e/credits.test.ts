import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, signInAs, useBrowser } from "../support/browser";

const { browser, appUrl } = useBrowser();

const MEMO = `E2E goodwill credits, ticket #${Date.now()}`;

/** The available balance as shown ("57,233.644674"), in micro-credits, exactly. */
async function availableMicros(page: Page): Promise<bigint> {
  const text = (await page.getByTestId("available-credits").textContent()) ?? "";
  const [whole = "0", fraction = ""] = text.replaceAll(",", "").split(".");
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0"));
}

describe("credits and grants", () => {
  it("lets the administrator add exactly 25 credits with a memo, remove some, add an expiring promotion, and shows refusals where they belong", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Ada Admin/);
    await page.goto(`${appUrl}/credits`);
    const before = await availableMicros(page);
    await screenshot(page, "60-credits-admin");

    const add = page.locator("form", { has: page.getByRole("heading", { name: "Add credits" }) });
    await add.getByLabel("Amount (credits)").fill("1.0000001");
    await add.getByLabel("Kind").selectOption("promotion");
    await add.getByLabel("Memo").fill(MEMO);
    await add.getByRole("button", { name: "Add credits" }).click();
    await add.getByRole("alert").waitFor();
    await expect(add.getByText("The amount allows at most 6 decimal places").isVisible()).resolves.toBe(true);
    // The refused values stay in place to be corrected.
    await expect(add.getByLabel("Amount (credits)").inputValue()).resolves.toBe("1.0000001");
    await expect(add.getByLabel("Amount (credits)").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(add.getByLabel("Kind").inputValue()).resolves.toBe("promotion");
    await screenshot(page, "61-credits-invalid-amount");
    expect(await availableMicros(page)).toBe(before);

    await add.getByLabel("Amount (credits)").fill("25");
    await add.getByLabel("Kind").selectOption("adjustment");
    await add.getByLabel("Memo").fill(MEMO);
    await add.getByRole("button", { name: "Add credits" }).click();
    await add.getByRole("status").filter({ hasText: "Added 25 credits (adjustment)." }).waitFor();
    await expect.poll(() => availableMicros(page)).toBe(before + 25_000_000n);
    await expect(add.getByLabel("Amount (credits)").inputValue()).resolves.toBe("");
    const grant = page.getByRole("row", { name: MEMO });
    await expect(grant.textContent()).resolves.toMatch(/Adjustment.*25.*25.*Never.*open/i);
    await screenshot(page, "62-credits-added");

    const remove = page.locator("form", { has: page.getByRole("heading", { name: "Remove credits" }) });
    await remove.getByLabel("Amount (credits)").fill("0.5");
    await remove.getByLabel("Memo").fill("E2E correction");
    await remove.getByRole("button", { name: "Remove credits" }).click();
    await remove.getByRole("status").filter({ hasText: "Removed 0.5 credits." }).waitFor();
    await expect.poll(() => availableMicros(page)).toBe(before + 24_500_000n);

    await remove.getByLabel("Amount (credits)").fill("999999999");
    await remove.getByLabel("Memo").fill("E2E too much");
    await remove.getByRole("button", { name: "Remove credits" }).click();
    await remove.getByRole("alert").filter({ hasText: "Cannot remove more credits than are available" }).waitFor();

    // A promotion that lasts through 30 June 2030 in the organisation's zone expires at the next midnight there.
    await add.getByLabel("Amount (credits)").fill("1.5");
    await add.getByLabel("Kind").selectOption("promotion");
    await add.getByLabel("Priority (optional)").fill("5");
    await add.getByLabel("Expires after (optional)").fill("2030-06-30");
    await add.getByLabel("Memo").fill(`${MEMO} (promotion)`);
    await add.getByRole("button", { name: "Add credits" }).click();
    await add.getByRole("status").filter({ hasText: "Added 1.5 credits (promotion)." }).waitFor();
    await expect(page.getByRole("row", { name: `${MEMO} (promotion)` }).textContent()).resolves.toMatch(/Promotion51\.51\.51 Jul 2030, 00:00open/i);
    await expect.poll(() => availableMicros(page)).toBe(before + 26_000_000n);

    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await screenshot(page, "63-credits-dark");
    await page.close();
  });

  it("shows finance the balance and grants, with a CSV, but no forms", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Finn Finance/);
    await page.goto(`${appUrl}/credits`);
    await page.getByRole("heading", { name: "Grants", exact: true }).waitFor();
    await expect(page.getByTestId("available-credits").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: "Add credits" }).count()).resolves.toBe(0);
    await expect(page.getByRole("heading", { name: "Remove credits" }).count()).resolves.toBe(0);
    await expect(page.getByRole("row", { name: /Opening purchase \(demo\)/ }).isVisible()).resolves.toBe(true);
    await screenshot(page, "64-credits-finance");

    const csv = await page.request.get(`${appUrl}/credits/export`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toMatch(/^id,granted_at \(Europe\/London\),kind,priority,amount_credits,amount_micros,remaining_credits,remaining_micros,/);
    expect(text).toMatch(/,purchase,50,60000,60000000000,/);
    await page.close();
  });

  it("refuses a member", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Max Member/);
    await page.goto(`${appUrl}/credits`);
    await page.getByRole("alert").filter({ hasText: "Not allowed" }).waitFor();
    await expect(page.getByTestId("available-credits").count()).resolves.toBe(0);
    await screenshot(page, "65-credits-refused");
    expect((await page.request.get(`${appUrl}/credits/export`)).status()).toBe(403);
    await page.close();
  });
});
