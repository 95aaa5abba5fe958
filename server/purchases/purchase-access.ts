import { eq, type SQL } from "drizzle-orm";
import { purchases } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { PurchaseRecord } from "./purchase-store";
import type { PurchasePermissions, PurchaseRow } from "./purchase-views";

/**
 * Who sees which purchases: administrators and finance all of the organisation's; department
 * heads and members the ones they requested; an API key the ones it created.
 */
export function purchaseVisibility(principal: Principal): SQL | undefined {
  if (principal.kind === "apiKey") return eq(purchases.apiKeyId, principal.apiKeyId);
  if (principal.role === "admin" || principal.role === "finance") return undefined;
  return eq(purchases.requestedByMemberId, principal.memberId);
}

/** The requester, by any path: the member, or the member who created the key that asked. */
export const isRequester = (principal: Principal, purchase: Pick<PurchaseRecord, "requestedByMemberId" | "apiKeyId">) =>
  principal.kind === "member" ? purchase.requestedByMemberId === principal.memberId : purchase.apiKeyId === principal.apiKeyId;

/** A finance member who is not the requester (separation of duties: DESIGN.md invariant 6). */
export const mayDecide = (principal: Principal, purchase: Pick<PurchaseRecord, "requestedByMemberId">) =>
  principal.kind === "member" && principal.role === "finance" && purchase.requestedByMemberId !== principal.memberId;

/** The requester while it waits for approval; finance and administrators also while it waits for payment. */
export function mayCancel(principal: Principal, purchase: Pick<PurchaseRecord, "requestedByMemberId" | "apiKeyId" | "status">): boolean {
  const manager = principal.kind === "member" && (principal.role === "admin" || principal.role === "finance");
  if (purchase.status === "pending_approval") return manager || isRequester(principal, purchase);
  return purchase.status === "awaiting_payment" && manager;
}

export function permissionsOf(principal: Principal, row: PurchaseRow, decidedByCaller: boolean): PurchasePermissions {
  const decide = row.status === "pending_approval" && mayDecide(principal, row) && !decidedByCaller;
  return {
    approve: decide,
    reject: decide,
    cancel: mayCancel(principal, row),
    markPaid: row.status === "awaiting_payment" && row.paymentMethod === "invoice" && mayDecide(principal, row),
  };
}
