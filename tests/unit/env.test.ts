import { describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env";

const SECRET = "s".repeat(32);

describe("parseEnv", () => {
  it("fills in the defaults", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      ALLOT_DB_SCHEMA: "allot",
      DATABASE_POOL_MAX: 10,
      ALLOT_BACKGROUND_JOBS: "on",
      ALLOT_PROCESS_CACHES: "on",
      AUTH_OIDC_NAME: "Single sign-on",
    });
    // Unset: the development database's port is then derived from the checkout (server/cli/dev-database.ts).
    expect(parseEnv({}).ALLOT_DEV_PG_PORT).toBeUndefined();
  });

  it("a production build compiles without the running server's secrets", () => {
    expect(parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", DATABASE_URL: "postgres://db/allot" })).toMatchObject({
      NODE_ENV: "production",
    });
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-server" })).toThrow(/NEXTAUTH_SECRET/);
  });

  it("production requires NEXTAUTH_SECRET of at least 32 characters; development does not", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET: is required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "" })).toThrow(/NEXTAUTH_SECRET/);
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET }).NEXTAUTH_SECRET).toBe(SECRET);
    expect(parseEnv({ NODE_ENV: "development" }).NEXTAUTH_SECRET).toBeUndefined();
  });

  it("OIDC variables go together", () => {
    const oidc = { AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_CLIENT_ID: "allot", AUTH_OIDC_CLIENT_SECRET: "secret" };
    expect(parseEnv(oidc)).toMatchObject(oidc);
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: oidc.AUTH_OIDC_ISSUER })).toThrow(/AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET go together/);
    expect(() => parseEnv({ ...oidc, AUTH_OIDC_CLIENT_SECRET: "" })).toThrow(/go together/);
    expect(() => parseEnv({ ...oidc, AUTH_OIDC_ISSUER: "not a url" })).toThrow(/AUTH_OIDC_ISSUER/);
  });

  it("GitHub variables go together", () => {
    expect(() => parseEnv({ AUTH_GITHUB_ID: "id" })).toThrow(/AUTH_GITHUB_ID and AUTH_GITHUB_SECRET go together/);
    expect(parseEnv({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" }).AUTH_GITHUB_ID).toBe("id");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", AUTH_OIDC_ISSUER: "", AUTH_GITHUB_ID: "" })).toMatchObject({ DATABASE_URL: undefined, AUTH_OIDC_ISSUER: undefined });
  });

  it("names each bad variable in one message", () => {
    const bad = () => parseEnv({ ALLOT_DB_SCHEMA: "Allot-Schema", DATABASE_POOL_MAX: "0", DATABASE_URL: "nope", ALLOT_BACKGROUND_JOBS: "maybe" });
    expect(bad).toThrow(/^Invalid environment:/);
    for (const name of ["ALLOT_DB_SCHEMA", "DATABASE_POOL_MAX", "DATABASE_URL", "ALLOT_BACKGROUND_JOBS"]) expect(bad).toThrow(name);
  });
});
