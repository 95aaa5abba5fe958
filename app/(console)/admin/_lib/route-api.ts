import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createRequestContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";

/** The tRPC caller for a route handler, with the same session (or API key) checks as /api/trpc. */
export async function routeApi(request: Request) {
  return createCaller(await createRequestContext(request.headers));
}

/** The HTTP status for what a procedure threw: its tRPC code's, or 500 for anything unexpected. */
export const errorStatus = (error: unknown) => (error instanceof TRPCError ? getHTTPStatusCodeFromError(error) : 500);
