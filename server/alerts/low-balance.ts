import { eq } from "drizzle-orm";
import { alerts, creditWallets } from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import { uuidv7 } from "../lib/ids";
import type { LockedWallet } from "../ledger/wallet";
import { enqueueEmails } from "../outbox/enqueue";
import { emitWebhookEvent } from "../webhooks/emit";
import { alertRecipients } from "./recipients";

/**
 * The organisation's low-balance alert: raised once when the available balance falls below the
 * configured threshold, re-armed when it is back at or above it. Needs the wallet lock (`wallet`
 * is what lockWallet read; `availableMicros` the balance after this transaction's changes).
 */
export async function checkLowBalance(tx: Transaction, wallet: LockedWallet, availableMicros: number): Promise<void> {
  const threshold = wallet.lowBalanceThresholdMicros;
  const below = threshold !== null && availableMicros < threshold;
  if (below === wallet.lowBalanceAlerted) return;
  await tx.update(creditWallets).set({ lowBalanceAlerted: below }).where(eq(creditWallets.orgId, wallet.orgId));
  wallet.lowBalanceAlerted = below;
  if (!below) return;
  const id = uuidv7();
  await tx.insert(alerts).values({
    orgId: wallet.orgId,
    id,
    kind: "low_balance",
    dedupeKey: `low-balance:${id}`,
    availableMicros,
    limitMicros: threshold,
  });
  const recipients = await alertRecipients(tx, wallet.orgId, { roles: ["admin", "finance"], emails: [], departmentId: null });
  await enqueueEmails(
    tx,
    wallet.orgId,
    recipients.map((recipient) => ({
      dedupeKey: `alert:${id}:${recipient.toLowerCase()}`,
      template: "low-balance" as const,
      recipient,
      payload: { alertId: id, availableMicros, thresholdMicros: threshold },
    })),
  );
  await emitWebhookEvent(tx, wallet.orgId, { type: "balance.low", key: id, data: { alertId: id, availableMicros, thresholdMicros: threshold } });
}
