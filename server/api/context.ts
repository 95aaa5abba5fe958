import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { getDb, type Database } from "../../db/client";
import { authenticateApiKey } from "../api-keys/api-keys";
import { authOptions } from "../auth/auth-options";
import { resolveMemberPrincipal } from "../auth/principal";
import type { Context } from "./trpc";

/** The cookie naming the organisation a member is working in (they may belong to several). */
export const ACTIVE_ORG_COOKIE = "allot_org";

/** `Authorization: Bearer allot_…` or `x-api-key: allot_…`. */
export function apiKeyFromHeaders(headers: Headers): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  return bearer ?? headers.get("x-api-key") ?? undefined;
}

/** The context of a request that presents an API key (looked up on every request, so revocation is immediate). */
export async function apiKeyContext(db: Database, headers: Headers): Promise<Context | undefined> {
  const token = apiKeyFromHeaders(headers);
  if (!token) return undefined;
  const principal = (await authenticateApiKey(db, token)) ?? null;
  return { db, principal, rejectedApiKey: principal === null };
}

/**
 * Who is calling, for one request: an API key when one is presented (and only then — a bad key
 * is not rescued by a session cookie), otherwise the next-auth session's member.
 */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const db = getDb();
  const withKey = await apiKeyContext(db, headers);
  if (withKey) return withKey;
  const session = await getServerSession(authOptions);
  if (!session?.user.id) return { db, principal: null };
  const requestedOrgId = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  return { db, principal: (await resolveMemberPrincipal(db, session.user.id, requestedOrgId)) ?? null };
}
