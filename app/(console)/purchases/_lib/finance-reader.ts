import type { MemberPrincipal } from "@/server/auth/principal";
import { requireMember, serverApi } from "@/server/api/server";

/** Administrators and finance see every purchase, the approvals inbox, invoices and the billing settings. */
export const seesAllPurchases = (member: MemberPrincipal) => member.role === "admin" || member.role === "finance";

/**
 * For the finance pages: the caller and member, or null for other roles, so the page explains
 * itself instead of failing on the first refused procedure.
 */
export async function financeReaderApi(): Promise<{ api: Awaited<ReturnType<typeof serverApi>>; member: MemberPrincipal } | null> {
  const member = await requireMember();
  if (!seesAllPurchases(member)) return null;
  return { api: await serverApi(), member };
}
