import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { isAppError, type AppCode } from "../../server/lib/errors";

/**
 * The appCode a client would get for an in-process call, by the errorFormatter's rule: the domain
 * error's code, INVALID_INPUT for a validation failure, else the tRPC code. "ok" when it succeeded.
 */
export async function outcomeOf(call: Promise<unknown>): Promise<AppCode | TRPCError["code"] | "ok"> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (isAppError(error.cause)) return error.cause.appCode;
    if (error.cause instanceof ZodError) return "INVALID_INPUT";
    return error.code;
  }
}
