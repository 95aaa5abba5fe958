import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "../../server/env";

/**
 * Loads the auth configuration as a server started with `env` would (the env module is read once per
 * load), without a database: a DATABASE_URL in the shell running the tests would make production
 * require settings these cases are not about.
 */
async function authOptionsWith(env: Record<string, string>) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return (await import("../../server/auth/auth-options")).authOptions;
}

/** next-auth applies a provider's `options.id` (e.g. "demo" for a credentials provider) when it starts. */
const providerIds = (options: Awaited<ReturnType<typeof authOptionsWith>>) =>
  options.providers.map((provider) => (provider as { options?: { id?: string } }).options?.id ?? provider.id);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("demo sign-in", () => {
  it("is offered in development", async () => {
    const options = await authOptionsWith({ NODE_ENV: "development" });
    expect(providerIds(options)).toContain("demo");
  });

  it("does not exist in production, where the configured OIDC and GitHub providers are used", async () => {
    const options = await authOptionsWith({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "a-production-secret-of-at-least-32-characters",
      AUTH_OIDC_ISSUER: "https://id.example.com",
      AUTH_OIDC_CLIENT_ID: "allot",
      AUTH_OIDC_CLIENT_SECRET: "secret",
      AUTH_GITHUB_ID: "gh-id",
      AUTH_GITHUB_SECRET: "gh-secret",
    });
    expect(providerIds(options).sort()).toEqual(["github", "oidc"]);
  });

  it("is turned on in a production server only by ALLOT_DEMO_SIGN_IN=on (the browser tests' build)", async () => {
    const options = await authOptionsWith({
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "a-production-secret-of-at-least-32-characters",
      ALLOT_DEMO_SIGN_IN: "on",
    });
    expect(providerIds(options)).toEqual(["demo"]);
  });

  it("is on by default in development and off in production; only on or off are accepted", () => {
    const production = { NODE_ENV: "production", NEXTAUTH_SECRET: "s".repeat(32) };
    expect(parseEnv({}).ALLOT_DEMO_SIGN_IN).toBe("on");
    expect(parseEnv({ NODE_ENV: "development", ALLOT_DEMO_SIGN_IN: "off" }).ALLOT_DEMO_SIGN_IN).toBe("off");
    expect(parseEnv(production).ALLOT_DEMO_SIGN_IN).toBe("off");
    expect(parseEnv({ ...production, ALLOT_DEMO_SIGN_IN: "on" }).ALLOT_DEMO_SIGN_IN).toBe("on");
    // Anything else is refused rather than read as a yes or a no.
    for (const value of ["1", "true", "yes"]) expect(() => parseEnv({ ...production, ALLOT_DEMO_SIGN_IN: value })).toThrow(/ALLOT_DEMO_SIGN_IN/);
  });
});
