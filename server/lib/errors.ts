/**
 * Domain errors carry a stable `appCode` that clients can branch on. They are mapped to tRPC (and
 * so HTTP) codes in one place, `server/api/trpc.ts`; their messages are written for the caller.
 */
export const APP_CODES = {
  INVALID_INPUT: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  UNKNOWN_MODEL: "UNPROCESSABLE_CONTENT",
  UNKNOWN_OPERATION: "UNPROCESSABLE_CONTENT",
  INSUFFICIENT_CREDITS: "PAYMENT_REQUIRED",
  BUDGET_EXHAUSTED: "PAYMENT_REQUIRED",
  IDEMPOTENCY_CONFLICT: "CONFLICT",
  RESERVATION_NOT_ACTIVE: "CONFLICT",
  CONFLICT: "CONFLICT",
  APPROVAL_REQUIRED: "PRECONDITION_FAILED",
  SELF_APPROVAL_FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
} as const;

export type AppCode = keyof typeof APP_CODES;

export type AppErrorDetails = Record<string, string | number | boolean | null | undefined>;

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly appCode: AppCode,
    message: string,
    readonly details?: AppErrorDetails,
  ) {
    super(message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export const invalidInput = (message: string, details?: AppErrorDetails) => new AppError("INVALID_INPUT", message, details);
export const notFound = (what: string, details?: AppErrorDetails) => new AppError("NOT_FOUND", `${what} was not found`, details);
export const forbidden = (message = "You are not allowed to do this") => new AppError("FORBIDDEN", message);
