import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { apiKeys, invoices, members, purchaseApprovals, purchases, users } from "../../db/schema";
import type { DbOrTx, Transaction } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { AppError, notFound } from "../lib/errors";
import type { PurchaseRow, PurchaseStatus } from "./purchase-views";

export type PurchaseRecord = typeof purchases.$inferSelect;

/** Locks one purchase row. Callers hold the organisation's wallet lock first (one lock order). */
export async function lockPurchase(tx: Transaction, orgId: string, purchaseId: string): Promise<PurchaseRecord> {
  const [row] = await tx
    .select()
    .from(purchases)
    .where(and(eq(purchases.orgId, orgId), eq(purchases.id, purchaseId)))
    .for("update");
  if (!row) throw notFound("Purchase", { purchaseId });
  return row;
}

/** What the audit trail records of a purchase: everything but the request hash and the (frozen) quote. */
export function auditSnapshot(row: PurchaseRecord, extra: Record<string, unknown> = {}) {
  const { requestHash: _hash, quote: _quote, ...rest } = row;
  return { ...rest, ...extra };
}

const STATUS_WORDS: Record<PurchaseStatus, string> = {
  pending_approval: "waiting for approval",
  awaiting_payment: "waiting for payment",
  paid: "already paid",
  rejected: "rejected",
  expired: "expired",
  cancelled: "cancelled",
};

export const notIn = (row: PurchaseRecord, action: string) =>
  new AppError("CONFLICT", `This purchase cannot be ${action}: it is ${STATUS_WORDS[row.status]}`, { purchaseId: row.id, status: row.status });

export interface Transition {
  from: PurchaseStatus[];
  to: PurchaseStatus;
  set?: Omit<PgUpdateSetSource<typeof purchases>, "orgId" | "id" | "status">;
  actor: string;
  action: string;
  /** Added to the audit entry's after (e.g. the invoice number, a comment). */
  details?: Record<string, unknown>;
}

/**
 * Moves a locked purchase from one of `from` to `to` with a conditional update (so a move happens
 * once even if a caller forgot the lock), and appends it to the audit trail with before and after.
 */
export async function transitionPurchase(tx: Transaction, row: PurchaseRecord, transition: Transition): Promise<PurchaseRecord> {
  const [updated] = await tx
    .update(purchases)
    .set({ ...transition.set, status: transition.to })
    .where(and(eq(purchases.orgId, row.orgId), eq(purchases.id, row.id), inArray(purchases.status, transition.from)))
    .returning();
  if (!updated) throw notIn(row, transition.action.replace(/^purchase\./, ""));
  await recordAudit(tx, {
    orgId: row.orgId,
    actor: transition.actor,
    action: transition.action,
    targetType: "purchase",
    targetId: row.id,
    before: auditSnapshot(row),
    after: auditSnapshot(updated, transition.details),
  });
  return updated;
}

/** Purchases as rows (requester, key, invoice number, approvals so far), newest first. */
export async function selectPurchaseRows(db: DbOrTx, where: SQL | undefined, limit = 1_000): Promise<PurchaseRow[]> {
  const rows = await db
    .select({
      id: purchases.id,
      status: purchases.status,
      source: purchases.source,
      creditsMicros: purchases.creditsMicros,
      annualPrepay: purchases.annualPrepay,
      currency: purchases.currency,
      netMinor: purchases.netMinor,
      totalMinor: purchases.totalMinor,
      requestedByMemberId: purchases.requestedByMemberId,
      requestedByName: users.name,
      requestedByEmail: users.email,
      apiKeyId: purchases.apiKeyId,
      apiKeyName: apiKeys.name,
      requiredApprovals: purchases.requiredApprovals,
      approvalCount: sql<number>`(SELECT count(*)::int FROM ${purchaseApprovals} a
        WHERE a.org_id = ${purchases.orgId} AND a.purchase_id = ${purchases.id} AND a.decision = 'approved')`,
      paymentMethod: purchases.paymentMethod,
      invoiceNumber: invoices.number,
      note: purchases.note,
      idempotencyKey: purchases.idempotencyKey,
      createdAt: purchases.createdAt,
      expiresAt: purchases.expiresAt,
      decidedAt: purchases.decidedAt,
      paidAt: purchases.paidAt,
      grantId: purchases.grantId,
    })
    .from(purchases)
    .leftJoin(members, and(eq(members.orgId, purchases.orgId), eq(members.id, purchases.requestedByMemberId)))
    .leftJoin(users, eq(users.id, members.userId))
    .leftJoin(apiKeys, and(eq(apiKeys.orgId, purchases.orgId), eq(apiKeys.id, purchases.apiKeyId)))
    .leftJoin(invoices, and(eq(invoices.orgId, purchases.orgId), eq(invoices.purchaseId, purchases.id)))
    .where(where)
    .orderBy(desc(purchases.createdAt), desc(purchases.id))
    .limit(limit);
  return rows;
}

export async function purchaseRow(db: DbOrTx, orgId: string, purchaseId: string): Promise<PurchaseRow> {
  const [row] = await selectPurchaseRows(db, and(eq(purchases.orgId, orgId), eq(purchases.id, purchaseId)), 1);
  if (!row) throw notFound("Purchase", { purchaseId });
  return row;
}
