import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createRequestContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import type { MemberPrincipal } from "@/server/auth/principal";
import { requestPathWithBasePath, withBasePath } from "@/server/lib/base-path";
import { csvResponse } from "@/server/lib/csv";

export interface CsvExport {
  filename: string;
  csv: string;
  /** Set when the export stopped at its row cap; told to the client in a header. */
  truncatedAt?: number;
}

/**
 * A CSV download behind a page, built through the same tRPC procedures as the page — so the
 * member's role and visibility rules apply to the file exactly as they do on screen.
 */
export async function memberCsvExport(
  request: Request,
  build: (api: ReturnType<typeof createCaller>, member: MemberPrincipal) => Promise<CsvExport>,
): Promise<Response> {
  const ctx = await createRequestContext(request.headers);
  if (ctx.principal?.kind !== "member") {
    const url = new URL(request.url);
    const callbackUrl = requestPathWithBasePath(url.pathname) + url.search;
    return Response.redirect(new URL(withBasePath(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`), url), 303);
  }
  try {
    const result = await build(createCaller(ctx), ctx.principal);
    const response = csvResponse(result.filename, result.csv);
    if (result.truncatedAt) response.headers.set("x-allot-truncated-at", String(result.truncatedAt));
    return response;
  } catch (error) {
    // Refusals (a role that may not export this, bad filters) are answered plainly; anything else is a 500.
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      return new Response(error.message, { status: getHTTPStatusCodeFromError(error), headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
