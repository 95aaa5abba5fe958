import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

export const SCREENSHOT_DIR = path.resolve("test-results");

/** Debian's chromium, headless, without the background traffic this sandbox's closed network refuses. */
export function useBrowser(): { browser: () => Browser; appUrl: string } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return { browser: () => browser!, appUrl: inject("appUrl") };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page's one-click demo list. */
export async function signInAs(page: Page, appUrl: string, personName: RegExp): Promise<void> {
  await page.goto(`${appUrl}/signin`);
  await page.getByRole("button", { name: personName }).click();
  await page.waitForURL(`${appUrl}/`);
}
