import { afterEach, describe, expect, it, vi } from "vitest";

/** Loads the auth configuration as a server started with `env` would (the env module is read once per load). */
async function authOptionsWith(env: Record<string, string>) {
  vi.resetModules();
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
});
