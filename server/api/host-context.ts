import type { Database } from "../../db/client";
import { resolveMemberPrincipal } from "../auth/principal";
import { matchHostIdentity, type HostIdentity } from "../identity/host-identity";
import type { Context } from "./trpc";

/**
 * Allot's tRPC context for a host app that nests `appRouter` in its own router (docs/integration.md):
 * the host's signed-in user, matched to a member as at sign-in — the provider subject first, then a
 * verified e-mail. Anyone else calls as nobody, and every member procedure answers UNAUTHORIZED.
 */
export async function allotContextForHostUser(db: Database, identity: HostIdentity, orgId?: string): Promise<Context> {
  const userId = await matchHostIdentity(db, identity);
  return { db, principal: userId ? ((await resolveMemberPrincipal(db, userId, orgId)) ?? null) : null };
}
