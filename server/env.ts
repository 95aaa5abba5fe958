import { z } from "zod";

/**
 * The process environment, read and validated once. A bad value fails at start with a message
 * naming the variable; nothing else in the code reads `process.env` for configuration.
 */
const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().min(1).optional());

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    ALLOT_DB_SCHEMA: z
      .string()
      .regex(identifier, "must be a lower-case SQL identifier, e.g. allot")
      .default("allot"),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /**
     * Where Allot is mounted behind the host's proxy, e.g. /admin/credits ("" at the root). Next.js
     * bakes it into the build (next.config.ts): build and server must use the same value.
     */
    ALLOT_BASE_PATH: z
      .string()
      .regex(/^(\/[A-Za-z0-9._~-]+)*$/, "must be empty or a path without a trailing slash, e.g. /admin/credits")
      .default(""),
    NEXTAUTH_SECRET: optionalString,
    NEXTAUTH_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_OIDC_ISSUER: z.preprocess(emptyAsUndefined, z.url().optional()),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().default("Single sign-on"),
    CRON_SECRET: optionalString,
    ALLOT_BACKGROUND_JOBS: z.enum(["on", "off"]).default("on"),
    /**
     * `on` (default): the production server caches authenticated API keys and configuration versions
     * per process, emptied by the NOTIFY each change sends (server/lib/process-caches.ts). `off` behind
     * a pooler that does not keep sessions (PgBouncer in transaction mode), where LISTEN cannot hear them.
     */
    ALLOT_PROCESS_CACHES: z.enum(["on", "off"]).default("on"),
    /** Calls a second an API key may make unless it has its own limit (bursts up to twice that, per server instance). */
    ALLOT_API_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).default(500),
    /** Where Next.js writes its build (default .next); the browser tests use their own. */
    ALLOT_NEXT_DIST_DIR: optionalString,
    /** Port of the embedded development PostgreSQL (used only when DATABASE_URL is unset); default derived from the checkout's path. */
    ALLOT_DEV_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
    /** Resend's API key. Unset outside production: e-mails go to the dev mailbox instead (docs/emails.md). */
    RESEND_API_KEY: optionalString,
    /** Another Resend-compatible endpoint (the tests' fake Resend); default Resend's own. */
    RESEND_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    EMAIL_FROM: z.string().min(3).default("Allot <alerts@allot.local>"),
    /** Allot's public address including the base path, where links in e-mails point; default NEXTAUTH_URL's origin (else http://localhost:3000) + ALLOT_BASE_PATH. */
    ALLOT_PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    /** Encrypts webhook signing secrets at rest (at least 32 characters); default derived from NEXTAUTH_SECRET (docs/webhooks.md). */
    ALLOT_WEBHOOK_SECRETS_KEY: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
    /**
     * One-click sign-in as any member, no password: on by default in development, off in
     * production. `on` in production is for a throwaway server only (the browser tests' build).
     */
    ALLOT_DEMO_SIGN_IN: z.enum(["on", "off"]).optional(),
    /**
     * The dev mailbox instead of Resend (docs/emails.md): on by default in development without
     * RESEND_API_KEY, off in production. `on` in production is for the browser tests' build.
     */
    ALLOT_DEV_MAILBOX: z.enum(["on", "off"]).optional(),
    /** Set by Next.js; "phase-production-build" while `next build` runs. */
    NEXT_PHASE: optionalString,
  })
  .superRefine((env, ctx) => {
    // Secrets are the running server's business: `next build` compiles without them.
    const servingProduction = env.NODE_ENV === "production" && env.NEXT_PHASE !== "phase-production-build";
    if (servingProduction && (!env.NEXTAUTH_SECRET || env.NEXTAUTH_SECRET.length < 32)) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required in production and must be at least 32 characters",
      });
    }
    if (Boolean(env.AUTH_GITHUB_ID) !== Boolean(env.AUTH_GITHUB_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["AUTH_GITHUB_ID"], message: "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET go together" });
    }
    // E-mail is needed by a production server that dispatches the outbox: one with a database and
    // in-process jobs or the cron route. A build (no DATABASE_URL) or a non-dispatching instance is not.
    const dispatchesEmail = Boolean(env.DATABASE_URL) && (env.ALLOT_BACKGROUND_JOBS === "on" || Boolean(env.CRON_SECRET));
    if (env.ALLOT_DEV_MAILBOX === "on" && env.RESEND_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["ALLOT_DEV_MAILBOX"], message: "is on, so e-mail would never reach Resend: unset RESEND_API_KEY or ALLOT_DEV_MAILBOX" });
    }
    if (servingProduction && dispatchesEmail && !env.RESEND_API_KEY && env.ALLOT_DEV_MAILBOX !== "on") {
      ctx.addIssue({
        code: "custom",
        path: ["RESEND_API_KEY"],
        message: "is required in production to send alert e-mails (instances with ALLOT_BACKGROUND_JOBS=off and no CRON_SECRET never send and may omit it)",
      });
    }
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_OIDC_ISSUER"],
        message: "AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET go together",
      });
    }
  })
  .transform((env) => {
    const publicUrl = (env.ALLOT_PUBLIC_URL ?? `${new URL(env.NEXTAUTH_URL ?? "http://localhost:3000").origin}${env.ALLOT_BASE_PATH}`).replace(/\/+$/, "");
    // Production is safe unless told otherwise: these development conveniences are opt-in there.
    const development = env.NODE_ENV !== "production";
    return {
      ...env,
      ALLOT_PUBLIC_URL: publicUrl,
      NEXTAUTH_URL: nextAuthUrl(env.NEXTAUTH_URL, publicUrl),
      ALLOT_DEMO_SIGN_IN: env.ALLOT_DEMO_SIGN_IN ?? (development ? "on" : "off"),
      ALLOT_DEV_MAILBOX: env.ALLOT_DEV_MAILBOX ?? (development && !env.RESEND_API_KEY ? "on" : "off"),
    };
  });

/**
 * next-auth's own URL names its API route (`<public URL>/api/auth`). A NEXTAUTH_URL given with a
 * path is taken as it is; one without (the usual `https://host`) gets the base path and /api/auth.
 */
function nextAuthUrl(given: string | undefined, publicUrl: string): string {
  if (given && new URL(given).pathname.replace(/\/+$/, "") !== "") return given;
  return `${publicUrl}/api/auth`;
}

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/**
 * `next build` loads this before Next.js sets NEXT_PHASE (it sets it later, for the build's workers),
 * so the build is also recognised from the command line: a build needs no runtime secrets.
 */
const nextBuildCommand = /[\\/]next$/.test(process.argv[1] ?? "") && process.argv[2] === "build";

export const env: Env = parseEnv(nextBuildCommand ? { ...process.env, NEXT_PHASE: "phase-production-build" } : process.env);

/** Demo sign-in (one click per seeded user): development, or a production server started with ALLOT_DEMO_SIGN_IN=on. */
export const demoSignInEnabled = env.ALLOT_DEMO_SIGN_IN === "on";

/** E-mail "delivered" to the dev mailbox (a page that shows it): development without a Resend key, or ALLOT_DEV_MAILBOX=on. */
export const devMailboxEnabled = env.ALLOT_DEV_MAILBOX === "on";

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is unset. Start the app with `npm run dev` (it starts an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return env.DATABASE_URL;
}
