import type { TRPCError } from "@trpc/server";
import { isAppError } from "../lib/errors";

/** Response headers derived from a call's errors: `Retry-After` for a rate-limited API key. */
export function responseHeaders(errors: TRPCError[]): Record<string, string> {
  for (const error of errors) {
    const retryAfter = isAppError(error.cause) ? error.cause.details?.retryAfterSeconds : undefined;
    if (typeof retryAfter === "number") return { "Retry-After": String(retryAfter) };
  }
  return {};
}
