import type { MemberPrincipal } from "@/server/auth/principal";
import { requireMember, serverApi } from "@/server/api/server";

/**
 * For admin pages: the tRPC caller and the member when they are an administrator, or null so the
 * page can explain itself instead of failing on the first refused procedure.
 */
export async function adminApi(): Promise<{ api: Awaited<ReturnType<typeof serverApi>>; member: MemberPrincipal } | null> {
  const member = await requireMember();
  if (member.role !== "admin") return null;
  return { api: await serverApi(), member };
}
