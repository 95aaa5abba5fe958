import type { Database } from "../../db/client";
import { authenticateApiKey } from "../api-keys/api-keys";
import type { Context } from "./trpc";

/** The key in `Authorization: Bearer allot_…` or `x-api-key: allot_…`. */
export function apiKeyFrom(authorization: string | null | undefined, xApiKey: string | null | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  return bearer ?? xApiKey ?? undefined;
}

export const apiKeyFromHeaders = (headers: Headers) => apiKeyFrom(headers.get("authorization"), headers.get("x-api-key"));

/** The context of a request that presents an API key (looked up on every request, so revocation is immediate). */
export async function apiKeyContext(db: Database, token: string | undefined): Promise<Context | undefined> {
  if (!token) return undefined;
  const principal = (await authenticateApiKey(db, token)) ?? null;
  return { db, principal, rejectedApiKey: principal === null };
}
