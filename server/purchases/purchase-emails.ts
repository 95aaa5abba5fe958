import { and, eq, isNull, ne } from "drizzle-orm";
import { members, users } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { alertRecipients } from "../alerts/recipients";
import type { AutoTopUpPayload, PurchaseDecisionPayload } from "../outbox/email-payloads";
import { enqueueEmails } from "../outbox/enqueue";
import type { PurchaseRecord } from "./purchase-store";

/**
 * The e-mails of the purchase flow, queued in the transaction that changes the purchase (so they
 * exist exactly when the change commits). Dedupe keys name the purchase, the event and the
 * recipient: the same event never queues the same e-mail twice.
 */

const lower = (email: string) => email.toLowerCase();

/** The name shown for a member (or "Auto top-up" for the system). */
export async function memberName(db: DbOrTx, orgId: string, memberId: string | null): Promise<string> {
  if (!memberId) return "Auto top-up";
  const [row] = await db
    .select({ name: users.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  return row?.name ?? "A former member";
}

/** Every finance member who may decide: active, and not the requester. */
export async function notifyApprovers(tx: DbOrTx, purchase: PurchaseRecord): Promise<void> {
  const approvers = await tx
    .select({ email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(members.orgId, purchase.orgId),
        eq(members.role, "finance"),
        isNull(members.removedAt),
        purchase.requestedByMemberId ? ne(members.id, purchase.requestedByMemberId) : undefined,
      ),
    );
  const requestedBy = await memberName(tx, purchase.orgId, purchase.requestedByMemberId);
  await enqueueEmails(
    tx,
    purchase.orgId,
    approvers.map(({ email }) => ({
      dedupeKey: `purchase:${purchase.id}:approval-requested:${lower(email)}`,
      template: "purchase-approval-requested" as const,
      recipient: email,
      payload: {
        purchaseId: purchase.id,
        source: purchase.source,
        requestedBy,
        creditsMicros: purchase.creditsMicros,
        totalMinor: purchase.totalMinor,
        currency: purchase.currency,
        requiredApprovals: purchase.requiredApprovals,
        note: purchase.note,
        expiresAt: purchase.expiresAt?.toISOString() ?? null,
      },
    })),
  );
}

/** The requester hears the decision; a request nobody made (auto top-up) is reported to the administrators. */
export async function notifyDecision(
  tx: DbOrTx,
  purchase: PurchaseRecord,
  decision: Pick<PurchaseDecisionPayload, "decision" | "decidedBy" | "comment" | "invoiceNumber">,
): Promise<void> {
  const recipients = purchase.requestedByMemberId
    ? (
        await tx
          .select({ email: users.email })
          .from(members)
          .innerJoin(users, eq(users.id, members.userId))
          .where(and(eq(members.orgId, purchase.orgId), eq(members.id, purchase.requestedByMemberId), isNull(members.removedAt)))
      ).map((row) => row.email)
    : await alertRecipients(tx, purchase.orgId, { roles: ["admin"], emails: [], departmentId: null });
  const payload: PurchaseDecisionPayload = {
    purchaseId: purchase.id,
    creditsMicros: purchase.creditsMicros,
    totalMinor: purchase.totalMinor,
    currency: purchase.currency,
    ...decision,
  };
  await enqueueEmails(
    tx,
    purchase.orgId,
    recipients.map((email) => ({
      dedupeKey: `purchase:${purchase.id}:decision:${lower(email)}`,
      template: "purchase-decision" as const,
      recipient: email,
      payload,
    })),
  );
}

/** The administrators hear what auto top-up did; `dedupe` names the event (a purchase, or a month's cap). */
export async function notifyAutoTopUp(tx: DbOrTx, orgId: string, dedupe: string, payload: AutoTopUpPayload): Promise<void> {
  const admins = await alertRecipients(tx, orgId, { roles: ["admin"], emails: [], departmentId: null });
  await enqueueEmails(
    tx,
    orgId,
    admins.map((email) => ({
      dedupeKey: `auto-top-up:${dedupe}:${lower(email)}`,
      template: "auto-top-up" as const,
      recipient: email,
      payload,
    })),
  );
}
