import type { Transaction } from "../../../db/transaction";
import type { PurchaseRecord } from "../purchase-store";

/** Who completed a payment and how it is referenced (a bank transfer id, a processor's charge id). */
export interface PaymentCompletion {
  actorMemberId: string | null;
  reference: string | null;
}

/**
 * How a purchase is paid for. The purchase rules (approvals, states, the grant) never look inside:
 * they call `start` when a purchase may be paid, and the method (or whoever learns the payment
 * arrived: finance marking an invoice paid, a card processor's webhook) calls
 * `completePurchasePayment`, which calls `complete` and grants the credits once. Every call runs in
 * the caller's transaction, under the organisation's wallet lock, with the purchase row locked.
 */
export interface PaymentMethod {
  readonly name: string;
  /** Starts paying: issues an invoice, or charges a card. `completed` when the money is already in. */
  start(tx: Transaction, purchase: PurchaseRecord): Promise<{ completed: boolean; details: Record<string, unknown> }>;
  /** Records the payment as done (the purchase is about to be marked paid and its credits granted). */
  complete(tx: Transaction, purchase: PurchaseRecord, completion: PaymentCompletion): Promise<Record<string, unknown>>;
  /** The purchase was cancelled before it was paid: void what `start` did. */
  void(tx: Transaction, purchase: PurchaseRecord): Promise<Record<string, unknown>>;
}
