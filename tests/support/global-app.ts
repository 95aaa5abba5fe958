import { spawn, type ChildProcess } from "node:child_process";
import type { TestProject } from "vitest/node";
import { createDatabase } from "../../db/client";
import { freePort } from "../../db/embedded";
import { seedDemo } from "../../db/seed/demo";
import { startFakeOidc } from "./fake-oidc";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    /** The loopback OIDC issuer the app signs in with (tests/support/fake-oidc.ts). */
    oidcIssuer: string;
  }
}

/**
 * Starts the app for the browser tests: `next dev` (demo sign-in exists only outside production)
 * on a free port, with its own build directory, against the run's test database seeded with the
 * demo organisation.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.ALLOT_TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error("global-database must run before global-app");
  const db = createDatabase({ url: databaseUrl, max: 2 });
  await seedDemo(db, () => {});
  await db.$client.end();

  const oidc = await startFakeOidc();
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const server: ChildProcess = spawn("npx", ["next", "dev", "--port", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: appUrl,
      ALLOT_NEXT_DIST_DIR: ".next-e2e",
      ALLOT_BACKGROUND_JOBS: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_OIDC_ISSUER: oidc.issuer,
      AUTH_OIDC_CLIENT_ID: oidc.clientId,
      AUTH_OIDC_CLIENT_SECRET: oidc.clientSecret,
      AUTH_OIDC_NAME: "Test IdP",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForHttp(`${appUrl}/signin`, 180_000, () => output);
  project.provide("appUrl", appUrl);
  project.provide("oidcIssuer", oidc.issuer);

  return async () => {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await oidc.close();
  };
}

async function waitForHttp(url: string, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The app did not answer at ${url} within ${timeoutMs} ms:\n${log().slice(-4000)}`);
}
