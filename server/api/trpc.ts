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
 * The one place where tRPC is set up: the context, the procedure builders (every one chained from
 * `baseProcedure`, so error mapping happens once) and the error shape clients see.
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

/**
 * Every call: an API key over its rate is refused first (RATE_LIMITED, HTTP 429 with Retry-After,
 * nothing done); domain and database errors become typed tRPC errors; anything unexpected is
 * logged and hidden.
 */
const baseProcedure = t.procedure.use(async ({ ctx, next, path }) => {
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
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  const app = isAppError(cause) ? cause : appErrorFromPg(cause);
  if (app) throw new TRPCError({ code: APP_CODES[app.appCode], message: app.message, cause: app });
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    console.error(`[trpc] ${path} failed`, cause ?? result.error);
  }
  return result;
});

export const publicProcedure = baseProcedure;

const unauthorized = (ctx: Context) =>
  ctx.rejectedApiKey
    ? new AppError("UNAUTHORIZED", "The API key is not valid or has been revoked")
    : new AppError("UNAUTHORIZED", "Sign in or present an API key");

/** Any authenticated caller. */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) throw unauthorized(ctx);
  return next({ ctx: { principal: ctx.principal } });
});

/** A signed-in member of the active organisation (pages). An API key is authenticated, just not allowed here. */
export const memberProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) throw unauthorized(ctx);
  if (ctx.principal.kind !== "member") throw new AppError("FORBIDDEN", "This procedure is for signed-in members");
  return next({ ctx: { principal: ctx.principal } });
});

export const roleProcedure = (...roles: MemberRole[]) =>
  memberProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.principal.role)) throw new AppError("FORBIDDEN", `This needs the ${roles.join(" or ")} role`);
    return next({ ctx: { principal: ctx.principal } });
  });

export const adminProcedure = roleProcedure("admin");

/** A sibling app with an API key holding `scope`. */
export const apiKeyProcedure = (scope: ApiKeyScope) =>
  baseProcedure.use(({ ctx, next }) => {
    if (!ctx.principal) throw unauthorized(ctx);
    if (ctx.principal.kind !== "apiKey") throw new AppError("FORBIDDEN", "This procedure is for API keys");
    if (!ctx.principal.scopes.includes(scope)) throw new AppError("FORBIDDEN", `This API key lacks the ${scope} scope`);
    return next({ ctx: { principal: ctx.principal as ApiKeyPrincipal } });
  });

/** Either an API key with `scope` or a member (optionally of one of `roles`): reads shared by pages and apps. */
export const readerProcedure = (scope: ApiKeyScope, roles?: MemberRole[]) =>
  baseProcedure.use(({ ctx, next }) => {
    const principal = ctx.principal;
    if (!principal) throw unauthorized(ctx);
    if (principal.kind === "apiKey" && !principal.scopes.includes(scope)) {
      throw new AppError("FORBIDDEN", `This API key lacks the ${scope} scope`);
    }
    if (principal.kind === "member" && roles && !roles.includes(principal.role)) {
      throw new AppError("FORBIDDEN", `This needs the ${roles.join(" or ")} role`);
    }
    return next({ ctx: { principal: principal as ApiKeyPrincipal | MemberPrincipal } });
  });
