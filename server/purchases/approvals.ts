import { and, eq, sql } from "drizzle-orm";
import { invoices, purchaseApprovals, purchases } from "../../db/schema";
import { withTransaction, type DbOrTx, type Transaction } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { actorOf, type MemberPrincipal } from "../auth/principal";
import { lockWallet } from "../ledger/wallet";
import { AppError } from "../lib/errors";
import { startPayment } from "./payment/payment-step";
import { mayDecide } from "./purchase-access";
import { emitWebhookEvent } from "../webhooks/emit";
import { purchaseDecidedEvent } from "../webhooks/purchase-events";
import { notifyDecision } from "./purchase-emails";
import { approvalsOf } from "./list-purchases";
import { auditSnapshot, lockPurchase, notIn, purchaseRow, selectPurchaseRows, transitionPurchase, type PurchaseRecord } from "./purchase-store";
import type { InboxItem, PurchaseRow } from "./purchase-views";

/**
 * Finance's decisions. Every decision takes the organisation's wallet lock, then the purchase row,
 * and checks the state on the locked row: ten approvals at once are ten turns, and only the one
 * that finds the request still pending (and completes its approvals) moves it.
 */

function checkMayDecide(principal: MemberPrincipal, purchase: PurchaseRecord): void {
  if (principal.role !== "finance") throw new AppError("FORBIDDEN", "Only members with the finance role decide purchases");
  if (!mayDecide(principal, purchase)) {
    throw new AppError("SELF_APPROVAL_FORBIDDEN", "You requested this purchase (yourself or through your API key): another finance member must decide it", {
      purchaseId: purchase.id,
    });
  }
}

/** The locked, pending purchase this member may decide now, or why not. */
async function lockForDecision(tx: Transaction, principal: MemberPrincipal, purchaseId: string, action: string) {
  const wallet = await lockWallet(tx, principal.orgId);
  const purchase = await lockPurchase(tx, principal.orgId, purchaseId);
  checkMayDecide(principal, purchase);
  if (purchase.status !== "pending_approval") throw notIn(purchase, action);
  if (purchase.expiresAt && purchase.expiresAt <= wallet.now) {
    throw new AppError("CONFLICT", "This purchase request has expired", { purchaseId, status: "expired" });
  }
  const [already] = await tx
    .select({ decision: purchaseApprovals.decision })
    .from(purchaseApprovals)
    .where(and(eq(purchaseApprovals.orgId, principal.orgId), eq(purchaseApprovals.purchaseId, purchaseId), eq(purchaseApprovals.memberId, principal.memberId)));
  if (already) throw new AppError("CONFLICT", "You have already decided this purchase", { purchaseId, decision: already.decision });
  return { wallet, purchase };
}

export async function approvePurchase(db: DbOrTx, principal: MemberPrincipal, input: { purchaseId: string; comment?: string }): Promise<PurchaseRow> {
  const actor = actorOf(principal);
  const comment = input.comment || null;
  await withTransaction(db, async (tx) => {
    const { wallet, purchase } = await lockForDecision(tx, principal, input.purchaseId, "approved");
    await tx.insert(purchaseApprovals).values({ orgId: principal.orgId, purchaseId: purchase.id, memberId: principal.memberId, decision: "approved", comment });
    const [{ approvals } = { approvals: 0 }] = await tx
      .select({ approvals: sql<number>`count(*)::int` })
      .from(purchaseApprovals)
      .where(and(eq(purchaseApprovals.orgId, principal.orgId), eq(purchaseApprovals.purchaseId, purchase.id), eq(purchaseApprovals.decision, "approved")));
    if (approvals < purchase.requiredApprovals) {
      // The first of two approvers: recorded, the purchase still waits for the second.
      await recordAudit(tx, {
        orgId: principal.orgId,
        actor,
        action: "purchase.approval_recorded",
        targetType: "purchase",
        targetId: purchase.id,
        before: auditSnapshot(purchase, { approvals: approvals - 1 }),
        after: auditSnapshot(purchase, { approvals, comment }),
      });
      return;
    }
    const approved = await transitionPurchase(tx, purchase, {
      from: ["pending_approval"],
      to: "awaiting_payment",
      set: { decidedAt: sql`now()` },
      actor,
      action: "purchase.approved",
      details: { approvals, comment },
    });
    const started = await startPayment(tx, approved, actor, wallet.now);
    const [invoice] = await tx
      .select({ number: invoices.number })
      .from(invoices)
      .where(and(eq(invoices.orgId, principal.orgId), eq(invoices.purchaseId, purchase.id)));
    await notifyDecision(tx, started, { decision: "approved", decidedBy: principal.name, comment, invoiceNumber: invoice?.number ?? null });
    await emitWebhookEvent(tx, principal.orgId, purchaseDecidedEvent(started, { type: "purchase.approved", decidedByMemberId: principal.memberId, comment }));
  });
  return purchaseRow(db, principal.orgId, input.purchaseId);
}

export async function rejectPurchase(db: DbOrTx, principal: MemberPrincipal, input: { purchaseId: string; comment: string }): Promise<PurchaseRow> {
  await withTransaction(db, async (tx) => {
    const { purchase } = await lockForDecision(tx, principal, input.purchaseId, "rejected");
    await tx
      .insert(purchaseApprovals)
      .values({ orgId: principal.orgId, purchaseId: purchase.id, memberId: principal.memberId, decision: "rejected", comment: input.comment });
    const rejected = await transitionPurchase(tx, purchase, {
      from: ["pending_approval"],
      to: "rejected",
      set: { decidedAt: sql`now()` },
      actor: actorOf(principal),
      action: "purchase.rejected",
      details: { comment: input.comment },
    });
    await notifyDecision(tx, rejected, { decision: "rejected", decidedBy: principal.name, comment: input.comment, invoiceNumber: null });
    await emitWebhookEvent(tx, principal.orgId, purchaseDecidedEvent(rejected, { type: "purchase.rejected", decidedByMemberId: principal.memberId, comment: input.comment }));
  });
  return purchaseRow(db, principal.orgId, input.purchaseId);
}

const pending = (orgId: string) => and(eq(purchases.orgId, orgId), eq(purchases.status, "pending_approval"));

/** Pending requests, oldest first, with the decisions so far and whether the caller may decide each. */
export async function approvalInbox(db: DbOrTx, principal: MemberPrincipal): Promise<InboxItem[]> {
  const rows = (await selectPurchaseRows(db, pending(principal.orgId))).reverse();
  const approvals = await approvalsOf(db, principal.orgId, rows.map((row) => row.id));
  return rows.map((row) => {
    const decisions = approvals.get(row.id) ?? [];
    return {
      ...row,
      approvals: decisions,
      canDecide: mayDecide(principal, row) && !decisions.some((decision) => decision.memberId === principal.memberId),
    };
  });
}

/** For finance: the requests awaiting their decision; for administrators: all pending requests. */
export async function pendingApprovalCount(db: DbOrTx, principal: MemberPrincipal): Promise<number> {
  if (principal.role !== "finance") return db.$count(purchases, pending(principal.orgId));
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(purchases)
    .where(
      and(
        pending(principal.orgId),
        sql`${purchases.requestedByMemberId} IS DISTINCT FROM ${principal.memberId}`,
        sql`NOT EXISTS (SELECT 1 FROM ${purchaseApprovals} a WHERE a.org_id = ${purchases.orgId} AND a.purchase_id = ${purchases.id} AND a.member_id = ${principal.memberId})`,
      ),
    );
  return row?.count ?? 0;
}
