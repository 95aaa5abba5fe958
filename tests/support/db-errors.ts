import { getErrorShape, TRPCError } from "@trpc/server";
import { appRouter } from "../../server/api/root";
import { AppError, type AppCode, type AppErrorDetails } from "../../server/lib/errors";

export interface ReportedError {
  appCode: AppCode;
  message: string;
  details: AppErrorDetails | null;
  /** Zod's issues (path joined with dots) when the input failed validation. */
  issues: { path: string; message: string }[] | null;
}

/**
 * What a caller is told about a failure: for a tRPC error, the shape the router's errorFormatter
 * gives clients over HTTP; for a domain error raised by a server function, its own fields.
 * Anything else is unexpected and rethrown.
 */
export function reportedError(error: unknown): ReportedError {
  if (error instanceof AppError) {
    return { appCode: error.appCode, message: error.message, details: error.details ?? null, issues: null };
  }
  if (error instanceof TRPCError) {
    const shape = getErrorShape({ config: appRouter._def._config, error, type: "mutation", path: undefined, input: undefined, ctx: undefined });
    return { appCode: shape.data.appCode, message: shape.message, details: shape.data.details, issues: shape.data.issues };
  }
  throw error;
}

/** Awaits a call that must fail and returns what its caller is told. */
export async function failureOf(call: Promise<unknown>): Promise<ReportedError> {
  try {
    await call;
  } catch (error) {
    return reportedError(error);
  }
  throw new Error("expected the call to fail, but it succeeded");
}
