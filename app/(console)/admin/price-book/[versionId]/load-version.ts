import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import type { serverApi } from "@/server/api/server";

/** The version, or Next's 404 page when the id is malformed or names no version of this organisation. */
export async function loadVersion(api: Awaited<ReturnType<typeof serverApi>>, versionId: string) {
  try {
    return await api.pricing.version({ versionId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}

export type PriceVersion = Awaited<ReturnType<typeof loadVersion>>;
