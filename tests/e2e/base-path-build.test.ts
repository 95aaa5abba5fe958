import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp, startApp, type AppServer } from "../../bench/lib/app-server";
import { createDatabase } from "../../db/client";
import { DEMO_ORG_SLUG } from "../../db/seed/demo";
import { createApiKey } from "../../server/api-keys/api-keys";
import { findOrganizationBySlug } from "../../server/orgs/organizations";
import { createAllotClient } from "../../server/api/client";
import { screenshot, useBrowser } from "../support/browser";
import { startFakeOidc, type FakeOidc } from "../support/fake-oidc";
import { signInAtIdentityProvider } from "../support/oidc-sign-in";

/**
 * Mounted under a path behind the host's proxy: a production build with ALLOT_BASE_PATH (its own
 * build directory, so the other browser tests' build is untouched), served by `npm start`'s server,
 * signing in through OIDC. Slow: the build takes a minute or more.
 */
const BASE = "/admin/credits";
const build = { distDir: ".next-basepath", basePath: BASE };
const { browser } = useBrowser();
const db = createDatabase({ url: inject("databaseUrl"), max: 2 });
let app: AppServer;
let oidc: FakeOidc;
let apiKey: string;

beforeAll(async () => {
  buildApp(false, build, "quiet");
  oidc = await startFakeOidc();
  app = await startApp(
    inject("databaseUrl"),
    { ALLOT_BACKGROUND_JOBS: "off", AUTH_OIDC_ISSUER: oidc.issuer, AUTH_OIDC_CLIENT_ID: oidc.clientId, AUTH_OIDC_CLIENT_SECRET: oidc.clientSecret, AUTH_OIDC_NAME: "Test IdP" },
    build,
  );
  const org = await findOrganizationBySlug(db, DEMO_ORG_SLUG);
  ({ token: apiKey } = await createApiKey(db, { orgId: org!.id, actor: "test", name: "base path", scopes: ["pricing:read", "usage:write", "usage:read"] }));
}, 900_000);

afterAll(async () => {
  await app?.stop();
  await oidc?.close();
  await db.$client.end({ timeout: 5 });
});

describe(`a production build mounted under ${BASE}`, () => {
  it("serves the pages and the API under the base path, and nothing at the root", async () => {
    const signIn = await fetch(`${app.url}${BASE}/signin`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain("Sign in to Allot");
    expect((await fetch(`${app.url}/signin`)).status).toBe(404);

    const headers = { authorization: `Bearer ${apiKey}` };
    const balance = await fetch(`${app.url}${BASE}/api/trpc/credits.balance`, { headers });
    expect(balance.status).toBe(200);
    expect(((await balance.json()) as { result: { data: { availableMicros: number } } }).result.data.availableMicros).toBeGreaterThan(0);
    expect((await fetch(`${app.url}/api/trpc/credits.balance`, { headers })).status).toBe(404);

    // The typed client takes Allot's address including the base path.
    const client = createAllotClient({ url: `${app.url}${BASE}`, apiKey });
    const recorded = await client.usage.record.mutate({ idempotencyKey: `base-path-${randomBytes(4).toString("hex")}`, model: "gpt-4o-mini", inputTokens: 100 });
    expect(recorded.costMicros).toBeGreaterThan(0);
    // Without a key the request goes through Next.js's route, also under the base path.
    expect((await fetch(`${app.url}${BASE}/api/trpc/credits.balance`)).status).toBe(401);
  });

  it("a host user signs in through OIDC and works in the console, every link and redirect under the base path", async () => {
    const page = await (await browser().newContext({ viewport: { width: 1300, height: 900 } })).newPage();
    await page.goto(`${app.url}${BASE}/usage`);
    await page.waitForURL(new RegExp(`${BASE}/signin`));
    await page.getByRole("button", { name: /Test IdP/ }).click();
    await signInAtIdentityProvider(page, { subject: `base-path-admin-${randomBytes(3).toString("hex")}`, email: "admin@allot.demo" });
    await page.waitForURL(new RegExp(`^${app.url}${BASE}/?$`), { timeout: 60_000 });
    await page.getByRole("complementary").getByText("Administrator", { exact: true }).waitFor();
    await page.getByRole("link", { name: "Usage", exact: true }).click();
    await page.waitForURL(`${app.url}${BASE}/usage`);
    const csv = await page.request.get(`${app.url}${BASE}/usage/export`);
    expect(csv.status()).toBe(200);
    await screenshot(page, "70-base-path-usage");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(new RegExp(`${BASE}/signin`));
    await page.context().close();
  });
});
