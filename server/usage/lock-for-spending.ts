import type { Transaction } from "../../db/transaction";
import { lockWallet } from "../ledger/wallet";
import { orgConfig, priceBookOf } from "../org-config/org-config";

/**
 * How every spending group starts: the organisation's wallet locked, then exactly the
 * configuration and price book that lock sees (both cached while the configuration version is current).
 */
export async function lockForSpending(tx: Transaction, orgId: string) {
  const wallet = await lockWallet(tx, orgId);
  const config = await orgConfig(tx, orgId, wallet.configVersion);
  const prices = await priceBookOf(tx, orgId, config);
  return { wallet, config, prices };
}
