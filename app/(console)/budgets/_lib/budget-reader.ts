import type { MemberPrincipal } from "@/server/auth/principal";
import { requireMember, serverApi } from "@/server/api/server";
import type { BudgetScope } from "./budget-labels";

/** Roles that see (and, within what they see, manage) budgets and their alerts. */
export const seesBudgets = (member: MemberPrincipal) => member.role !== "member";

/**
 * For budget and alert pages: the caller and member, or null for a member, so the page explains
 * itself instead of failing on the first refused procedure.
 */
export async function budgetReaderApi(): Promise<{ api: Awaited<ReturnType<typeof serverApi>>; member: MemberPrincipal } | null> {
  const member = await requireMember();
  if (!seesBudgets(member)) return null;
  return { api: await serverApi(), member };
}

/**
 * The scope kinds a member sees and sets budgets on, per-agent limits first: department heads have
 * only their departments' (and those departments' projects and agents); organisation and user
 * budgets are for administrators and finance.
 */
export const scopeKindsFor = (member: MemberPrincipal): BudgetScope[] =>
  member.role === "department_head" ? ["agent", "department", "project"] : ["agent", "user", "department", "project", "organization"];
