import type { DbOrTx } from "../../../db/transaction";
import { actorOf, type MemberPrincipal } from "../../auth/principal";
import { AppError } from "../../lib/errors";
import { mayDecide } from "../purchase-access";
import { purchaseRow } from "../purchase-store";
import type { PurchaseRow } from "../purchase-views";
import { completePurchasePayment } from "./payment-step";

/**
 * Finance records that an invoice was paid: the invoice is marked paid and the credits are
 * granted (kind "purchase", sourceRef the purchase id), once — a second call finds the purchase
 * paid and is refused. The requester cannot confirm their own payment.
 */
export async function markPurchasePaid(db: DbOrTx, principal: MemberPrincipal, input: { purchaseId: string; reference?: string }): Promise<PurchaseRow> {
  await completePurchasePayment(db, {
    orgId: principal.orgId,
    purchaseId: input.purchaseId,
    actor: actorOf(principal),
    completion: { actorMemberId: principal.memberId, reference: input.reference || null },
    authorize(purchase) {
      if (principal.role !== "finance") throw new AppError("FORBIDDEN", "Only members with the finance role record payments");
      if (!mayDecide(principal, purchase)) {
        throw new AppError("SELF_APPROVAL_FORBIDDEN", "You requested this purchase: another finance member must record its payment", { purchaseId: purchase.id });
      }
      if (purchase.paymentMethod !== "invoice") throw new AppError("CONFLICT", "This purchase is not paid by invoice", { purchaseId: purchase.id });
    },
  });
  return purchaseRow(db, principal.orgId, input.purchaseId);
}
