import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { getDb } from "../../db/client";
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

/**
 * Who is calling, for one request: an API key when one is presented (and only then — a bad key
 * is not rescued by a session cookie), otherwise the next-auth session's member.
 */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const db = getDb();
  const token = apiKeyFromHeaders(headers);
  if (token) return { db, principal: (await authenticateApiKey(db, token)) ?? null };
  const session = await getServerSession(authOptions);
  if (!session?.user.id) return { db, principal: null };
  const requestedOrgId = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  return { db, principal: (await resolveMemberPrincipal(db, session.user.id, requestedOrgId)) ?? null };
}
