import { describe, expect, it } from "vitest";
import { screenshot, signInAs, useBrowser } from "../support/browser";

const { browser, appUrl } = useBrowser();

describe("API keys", () => {
  it("creates a key shown once, which reads the balance over HTTP until it is revoked", async () => {
    const context = await browser().newContext({ viewport: { width: 1400, height: 1000 }, permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await signInAs(page, appUrl, /Ada Admin/);
    await page.goto(`${appUrl}/admin/api-keys`);

    const name = `Balance reader ${Date.now().toString(36)}`;
    const create = page.getByRole("region", { name: "Create an API key" });
    await create.getByLabel("Name").fill(name);
    await create.getByRole("checkbox", { name: /usage:read/ }).check();
    await create.getByRole("button", { name: "Create API key" }).click();

    const shown = page.getByLabel("New API key");
    await shown.waitFor();
    await expect(shown.getAttribute("readonly")).resolves.not.toBeNull();
    await expect(page.getByText("It will not be shown again").isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await page.getByText("Copied to the clipboard.").waitFor();
    const key = await page.evaluate(() => navigator.clipboard.readText());
    expect(key).toBe(await shown.inputValue());
    expect(key).toMatch(/^allot_[A-Za-z0-9]{12}_/);
    await screenshot(page, "20-api-key-created");

    const balance = await fetch(`${appUrl}/api/trpc/credits.balance`, { headers: { authorization: `Bearer ${key}` } });
    expect(balance.status).toBe(200);
    const body = (await balance.json()) as { result: { data: { availableMicros: number; heldMicros: number } } };
    expect(Number.isInteger(body.result.data.availableMicros)).toBe(true);
    expect(body.result.data.availableMicros).toBeGreaterThan(0);

    const row = page.getByRole("row", { name: new RegExp(name) });
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await row.getByRole("button", { name: "Revoke now" }).click();
    await row.getByText(/^Revoked/).waitFor();
    await screenshot(page, "21-api-key-revoked");

    const refused = await fetch(`${appUrl}/api/trpc/credits.balance`, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(401);

    // Only the prefix stays on the page once the creation notice is gone.
    await page.reload();
    await expect(page.content()).resolves.not.toContain(key);
    await context.close();
  });
});
