import { and, asc, eq, inArray } from "drizzle-orm";
import { apiKeys, auditLog, members, purchaseApprovals, purchases, users } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { notFound } from "../lib/errors";
import { permissionsOf, purchaseVisibility } from "./purchase-access";
import { selectPurchaseRows } from "./purchase-store";
import { purchaseView } from "./purchase-view";
import type { ApprovalView, AuditEntryView, PurchaseDetail, PurchaseRow, PurchaseStatus } from "./purchase-views";

/** The purchases the caller may see (purchase-access.ts), newest first. */
export async function listPurchases(db: DbOrTx, principal: Principal, input: { status?: PurchaseStatus; limit: number }): Promise<PurchaseRow[]> {
  return selectPurchaseRows(
    db,
    and(eq(purchases.orgId, principal.orgId), purchaseVisibility(principal), input.status ? eq(purchases.status, input.status) : undefined),
    input.limit,
  );
}

export async function approvalsOf(db: DbOrTx, orgId: string, purchaseIds: string[]): Promise<Map<string, ApprovalView[]>> {
  if (purchaseIds.length === 0) return new Map();
  const rows = await db
    .select({
      purchaseId: purchaseApprovals.purchaseId,
      memberId: purchaseApprovals.memberId,
      name: users.name,
      email: users.email,
      decision: purchaseApprovals.decision,
      comment: purchaseApprovals.comment,
      createdAt: purchaseApprovals.createdAt,
    })
    .from(purchaseApprovals)
    .innerJoin(members, and(eq(members.orgId, purchaseApprovals.orgId), eq(members.id, purchaseApprovals.memberId)))
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(purchaseApprovals.orgId, orgId), inArray(purchaseApprovals.purchaseId, purchaseIds)))
    .orderBy(asc(purchaseApprovals.createdAt));
  const byPurchase = new Map<string, ApprovalView[]>();
  for (const { purchaseId, ...approval } of rows) byPurchase.set(purchaseId, [...(byPurchase.get(purchaseId) ?? []), approval]);
  return byPurchase;
}

/** The purchase's audit trail, oldest first, with each actor's name. */
async function auditTrailOf(db: DbOrTx, orgId: string, purchaseId: string): Promise<AuditEntryView[]> {
  const entries = await db
    .select({ id: auditLog.id, actor: auditLog.actor, action: auditLog.action, before: auditLog.before, after: auditLog.after, createdAt: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.targetType, "purchase"), eq(auditLog.targetId, purchaseId)))
    .orderBy(asc(auditLog.id));
  const idsOf = (prefix: string) => [...new Set(entries.filter((e) => e.actor.startsWith(prefix)).map((e) => e.actor.slice(prefix.length)))];
  const [memberNames, keyNames] = await Promise.all([
    idsOf("member:").length === 0
      ? []
      : db
          .select({ id: members.id, name: users.name })
          .from(members)
          .innerJoin(users, eq(users.id, members.userId))
          .where(and(eq(members.orgId, orgId), inArray(members.id, idsOf("member:")))),
    idsOf("api_key:").length === 0
      ? []
      : db
          .select({ id: apiKeys.id, name: apiKeys.name })
          .from(apiKeys)
          .where(and(eq(apiKeys.orgId, orgId), inArray(apiKeys.id, idsOf("api_key:")))),
  ]);
  const names = new Map<string, string>([...memberNames.map((m) => [`member:${m.id}`, m.name] as const), ...keyNames.map((k) => [`api_key:${k.id}`, `API key “${k.name}”`] as const)]);
  return entries.map((entry) => ({ ...entry, actorName: names.get(entry.actor) ?? (entry.actor === "system" ? "Allot" : entry.actor) }));
}

/** One purchase the caller may see (else NOT_FOUND), with everything the detail page shows. */
export async function getPurchaseDetail(db: DbOrTx, principal: Principal, purchaseId: string): Promise<PurchaseDetail> {
  const [visible] = await db
    .select({ id: purchases.id })
    .from(purchases)
    .where(and(eq(purchases.orgId, principal.orgId), eq(purchases.id, purchaseId), purchaseVisibility(principal)));
  if (!visible) throw notFound("Purchase", { purchaseId });
  const [view, approvals, audit] = await Promise.all([
    purchaseView(db, principal.orgId, purchaseId),
    approvalsOf(db, principal.orgId, [purchaseId]),
    auditTrailOf(db, principal.orgId, purchaseId),
  ]);
  const decisions = approvals.get(purchaseId) ?? [];
  const decidedByCaller = principal.kind === "member" && decisions.some((approval) => approval.memberId === principal.memberId);
  return { ...view, approvals: decisions, audit, permissions: permissionsOf(principal, view.purchase, decidedByCaller) };
}
