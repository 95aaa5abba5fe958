import { describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env";

const production = { NODE_ENV: "production", NEXTAUTH_SECRET: "s".repeat(32), DATABASE_URL: "postgres://allot@db.example.com/allot" };

describe("e-mail configuration", () => {
  it("a production server that dispatches the outbox needs RESEND_API_KEY", () => {
    expect(() => parseEnv(production)).toThrow(/RESEND_API_KEY: is required in production/);
    expect(() => parseEnv({ ...production, ALLOT_BACKGROUND_JOBS: "off", CRON_SECRET: "cron" })).toThrow(/RESEND_API_KEY/);
    expect(parseEnv({ ...production, RESEND_API_KEY: "re_live" }).RESEND_API_KEY).toBe("re_live");
  });

  it("a production instance that never dispatches, or a build without a database, does not", () => {
    expect(parseEnv({ ...production, ALLOT_BACKGROUND_JOBS: "off" }).RESEND_API_KEY).toBeUndefined();
    expect(parseEnv({ ...production, DATABASE_URL: undefined }).RESEND_API_KEY).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "development", DATABASE_URL: production.DATABASE_URL }).RESEND_API_KEY).toBeUndefined();
  });

  it("links point at ALLOT_PUBLIC_URL, else NEXTAUTH_URL, else localhost, without a trailing slash", () => {
    expect(parseEnv({}).ALLOT_PUBLIC_URL).toBe("http://localhost:3000");
    expect(parseEnv({ NEXTAUTH_URL: "https://allot.example.com/" }).ALLOT_PUBLIC_URL).toBe("https://allot.example.com");
    expect(parseEnv({ NEXTAUTH_URL: "https://a.example.com", ALLOT_PUBLIC_URL: "https://b.example.com/allot/" }).ALLOT_PUBLIC_URL).toBe("https://b.example.com/allot");
    expect(() => parseEnv({ ALLOT_PUBLIC_URL: "not a url" })).toThrow(/ALLOT_PUBLIC_URL/);
  });

  it("sends from Allot's alerts address unless told otherwise; RESEND_BASE_URL must be a URL", () => {
    expect(parseEnv({}).EMAIL_FROM).toBe("Allot <alerts@allot.local>");
    expect(parseEnv({ EMAIL_FROM: "Billing <billing@example.com>" }).EMAIL_FROM).toBe("Billing <billing@example.com>");
    expect(() => parseEnv({ RESEND_BASE_URL: "localhost" })).toThrow(/RESEND_BASE_URL/);
    expect(parseEnv({ RESEND_BASE_URL: "", RESEND_API_KEY: "" })).toMatchObject({ RESEND_BASE_URL: undefined, RESEND_API_KEY: undefined });
  });

  it("the dev mailbox: on in development without a key, off in production unless ALLOT_DEV_MAILBOX=on, never with a key", () => {
    expect(parseEnv({}).ALLOT_DEV_MAILBOX).toBe("on");
    expect(parseEnv({ RESEND_API_KEY: "re_dev" }).ALLOT_DEV_MAILBOX).toBe("off");
    expect(parseEnv({ ALLOT_DEV_MAILBOX: "off" }).ALLOT_DEV_MAILBOX).toBe("off");
    expect(parseEnv({ ...production, RESEND_API_KEY: "re_live" }).ALLOT_DEV_MAILBOX).toBe("off");
    expect(parseEnv({ ...production, ALLOT_BACKGROUND_JOBS: "off" }).ALLOT_DEV_MAILBOX).toBe("off");
    // Opted in, a dispatching production server needs no key: its e-mails go to the mailbox.
    expect(parseEnv({ ...production, ALLOT_DEV_MAILBOX: "on" }).ALLOT_DEV_MAILBOX).toBe("on");
    expect(() => parseEnv({ ALLOT_DEV_MAILBOX: "on", RESEND_API_KEY: "re_dev" })).toThrow(/ALLOT_DEV_MAILBOX: is on/);
    expect(() => parseEnv({ ALLOT_DEV_MAILBOX: "1" })).toThrow(/ALLOT_DEV_MAILBOX/);
  });
});
