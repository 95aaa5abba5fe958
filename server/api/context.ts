import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { getDb } from "../../db/client";
import { authOptions } from "../auth/auth-options";
import { resolveMemberPrincipal } from "../auth/principal";
import { apiKeyContext, apiKeyFromHeaders } from "./api-key-context";
import type { Context } from "./trpc";

export { apiKeyFromHeaders };

/** The cookie naming the organisation a member is working in (they may belong to several). */
export const ACTIVE_ORG_COOKIE = "allot_org";

/**
 * Who is calling, for one request: an API key when one is presented (and only then — a bad key
 * is not rescued by a session cookie), otherwise the next-auth session's member.
 */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const db = getDb();
  const withKey = await apiKeyContext(db, apiKeyFromHeaders(headers));
  if (withKey) return withKey;
  const session = await getServerSession(authOptions);
  if (!session?.user.id) return { db, principal: null };
  const requestedOrgId = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  return { db, principal: (await resolveMemberPrincipal(db, session.user.id, requestedOrgId)) ?? null };
}
