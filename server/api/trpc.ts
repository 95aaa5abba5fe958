import { initTRPC, TRPCError, type TRPCDefaultErrorShape } from "@trpc/server";
import { ZodError } from "zod";
import type { Database } from "../../db/client";
import type { ApiKeyScope } from "../../db/schema";
import { takeToken } from "../api-keys/rate-limit";
import type { ApiKeyPrincipal, MemberPrincipal, Principal } from "../auth/principal";
import { APP_CODES, AppError, isAppError, type AppCode } from "../lib/errors";
import { appErrorFromPg } from "../lib/pg-errors";
import type { MemberRole } from "../orgs/members";

/**
 * The one place where tRPC is set up: the context, the procedure builders (each one middleware made
 * by `admitting`, where rate limits, admission and error mapping happen) and the error shape clients see.
 */
export interface Context {
  db: Database;
  /** Who is calling: a member through the pages, a sibling app with an API key, or nobody. */
  principal: Principal | null;
  /** An API key was presented but is unknown, malformed or revoked. */
  rejectedApiKey?: boolean;
}

const APP_CODE_FOR_TRPC_CODE: Partial<Record<TRPCError["code"], AppCode>> = {
  BAD_REQUEST: "INVALID_INPUT",
  PARSE_ERROR: "INVALID_INPUT",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "INVALID_INPUT",
  METHOD_NOT_SUPPORTED: "INVALID_INPUT",
};

/**
 * The error shape clients see: the stable appCode, details, validation issues; internal errors
 * say nothing more. Exported for a host app that nests appRouter in its own tRPC router (the root's
 * formatter shapes every error), see docs/integration.md.
 */
export function allotErrorFormatter({ shape, error }: { shape: TRPCDefaultErrorShape; error: TRPCError }) {
  const app = isAppError(error.cause) ? error.cause : undefined;
  const appCode: AppCode = app?.appCode ?? APP_CODE_FOR_TRPC_CODE[error.code] ?? "INTERNAL";
  const zod = error.cause instanceof ZodError ? error.cause : undefined;
  return {
    message: appCode === "INTERNAL" ? "Internal error" : zod ? describeZodError(zod) : shape.message,
    code: shape.code,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      appCode,
      details: app?.details ?? null,
      issues: zod ? zod.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) : null,
    },
  };
}

const t = initTRPC.context<Context>().create({ errorFormatter: allotErrorFormatter });

function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid input";
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `Invalid input: ${where}${issue.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ""}`;
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A domain or database error as the typed tRPC error clients see; undefined for anything else. */
function typedError(cause: unknown): TRPCError | undefined {
  const app = isAppError(cause) ? cause : appErrorFromPg(cause);
  return app ? new TRPCError({ code: APP_CODES[app.appCode], message: app.message, cause: app }) : undefined;
}

/**
 * A procedure builder with one middleware, which on every call: refuses an API key over its rate
 * first (RATE_LIMITED, HTTP 429 with Retry-After, nothing done); admits the caller or refuses it
 * (`admit` returns what it narrows the context to, or throws); turns domain and database errors —
 * the admission's own included — into typed tRPC errors; logs and hides anything unexpected. One
 * middleware rather than a chain: tRPC copies its options and the context at every hop, which was
 * about 8 % of an API call's CPU.
 */
function admitting<Admitted extends Partial<Context>>(admit: (ctx: Context) => Admitted) {
  return t.procedure.use(async ({ ctx, next, path }) => {
    if (ctx.principal?.kind === "apiKey") {
      const token = takeToken(ctx.principal.apiKeyId, ctx.principal.rateLimitPerSecond);
      if (!token.ok) {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: "This API key is over its rate limit",
          cause: new AppError("RATE_LIMITED", "This API key is over its rate limit", { retryAfterSeconds: token.retryAfterSeconds }),
        });
      }
    }
    let admitted: Admitted;
    try {
      admitted = admit(ctx);
    } catch (error) {
      const typed = typedError(error);
      if (typed) throw typed;
      console.error(`[trpc] ${path}: admitting the caller failed`, error);
      throw error;
    }
    const result = await next({ ctx: admitted });
    if (result.ok) return result;
    const typed = typedError(result.error.cause);
    if (typed) throw typed;
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      console.error(`[trpc] ${path} failed`, result.error.cause ?? result.error);
    }
    return result;
  });
}

export const publicProcedure = admitting(() => ({}));

const unauthorized = (ctx: Context) =>
  ctx.rejectedApiKey
    ? new AppError("UNAUTHORIZED", "The API key is not valid or has been revoked")
    : new AppError("UNAUTHORIZED", "Sign in or present an API key");

/** Any authenticated caller. */
export const authedProcedure = admitting((ctx) => {
  if (!ctx.principal) throw unauthorized(ctx);
  return { principal: ctx.principal };
});

/** A signed-in member of the active organisation (pages), with one of `roles` when any are given. An API key is authenticated, just not allowed here. */
function memberWith(roles: MemberRole[]) {
  return admitting((ctx) => {
    if (!ctx.principal) throw unauthorized(ctx);
    if (ctx.principal.kind !== "member") throw new AppError("FORBIDDEN", "This procedure is for signed-in members");
    if (roles.length > 0 && !roles.includes(ctx.principal.role)) throw new AppError("FORBIDDEN", `This needs the ${roles.join(" or ")} role`);
    return { principal: ctx.principal };
  });
}

export const memberProcedure = memberWith([]);

export const roleProcedure = (...roles: MemberRole[]) => memberWith(roles);

export const adminProcedure = roleProcedure("admin");

/** A sibling app with an API key holding `scope`. */
export const apiKeyProcedure = (scope: ApiKeyScope) =>
  admitting((ctx) => {
    if (!ctx.principal) throw unauthorized(ctx);
    if (ctx.principal.kind !== "apiKey") throw new AppError("FORBIDDEN", "This procedure is for API keys");
    if (!ctx.principal.scopes.includes(scope)) throw new AppError("FORBIDDEN", `This API key lacks the ${scope} scope`);
    return { principal: ctx.principal as ApiKeyPrincipal };
  });

/** Either an API key with `scope` or a member (optionally of one of `roles`): reads shared by pages and apps. */
export const readerProcedure = (scope: ApiKeyScope, roles?: MemberRole[]) =>
  admitting((ctx) => {
    const principal = ctx.principal;
    if (!principal) throw unauthorized(ctx);
    if (principal.kind === "apiKey" && !principal.scopes.includes(scope)) {
      throw new AppError("FORBIDDEN", `This API key lacks the ${scope} scope`);
    }
    if (principal.kind === "member" && roles && !roles.includes(principal.role)) {
      throw new AppError("FORBIDDEN", `This needs the ${roles.join(" or ")} role`);
    }
    return { principal: principal as ApiKeyPrincipal | MemberPrincipal };
  });
