import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/**
 * What a page's main procedure answers, or Next's 404 page when the id in the URL is malformed or
 * names nothing this member may see (another department's budget is as invisible as another
 * organisation's).
 */
export async function orNotFound<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}
