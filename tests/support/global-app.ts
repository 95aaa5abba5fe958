import type { TestProject } from "vitest/node";
import { buildApp, startApp } from "../../bench/lib/app-server";
import { createDatabase } from "../../db/client";
import { seedDemo } from "../../db/seed/demo";
import { startFakeOidc } from "./fake-oidc";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    /** The loopback OIDC issuer the app signs in with (tests/support/fake-oidc.ts). */
    oidcIssuer: string;
  }
}

/** The browser tests' build directory, apart from a developer's .next (and the base-path test's). */
const build = { distDir: ".next-e2e" };

/**
 * Starts the app for the browser tests: one production build (`next build`, then the server
 * `npm start` runs) on a free port, against the run's test database seeded with the demo
 * organisation. A production build answers every page at once; `next dev` compiled each page and
 * server action on first visit, which was most of the suite's time.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.ALLOT_TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error("global-database must run before global-app");
  const db = createDatabase({ url: databaseUrl, max: 2 });
  await seedDemo(db, () => {});
  await db.$client.end();

  // Always built afresh: a build left from an earlier run would test older code.
  buildApp(false, build, "quiet");
  const oidc = await startFakeOidc();
  const app = await startApp(
    databaseUrl,
    {
      // Off in production unless asked for (server/env.ts): the tests sign in as the demo people
      // with one click, and read alert e-mails in the dev mailbox.
      ALLOT_DEMO_SIGN_IN: "on",
      ALLOT_DEV_MAILBOX: "on",
      RESEND_API_KEY: "",
      RESEND_BASE_URL: "",
      // The tests run the jobs they need themselves, when they need them.
      ALLOT_BACKGROUND_JOBS: "off",
      AUTH_OIDC_ISSUER: oidc.issuer,
      AUTH_OIDC_CLIENT_ID: oidc.clientId,
      AUTH_OIDC_CLIENT_SECRET: oidc.clientSecret,
      AUTH_OIDC_NAME: "Test IdP",
    },
    build,
  );
  project.provide("appUrl", app.url);
  project.provide("oidcIssuer", oidc.issuer);

  return async () => {
    await app.stop();
    await oidc.close();
  };
}
