import { createHash } from "node:crypto";
import { creditWallets, ledgerAccounts } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import { LruMap } from "../lib/lru-map";

export type SystemAccountKind = "issuance" | "consumption" | "expiration" | "adjustment";
const SYSTEM_ACCOUNT_KINDS: SystemAccountKind[] = ["issuance", "consumption", "expiration", "adjustment"];

/**
 * System accounts have ids derived from the organisation and the kind, so posting to them never
 * needs a lookup (a name-based UUID, version 8 layout).
 */
export function systemAccountId(orgId: string, kind: SystemAccountKind): string {
  const name = `allot:${orgId}:${kind}`;
  let id = derivedIds.get(name);
  if (id === undefined) derivedIds.set(name, (id = nameBasedUuid(name)));
  return id;
}

/** Every spending write posts to its organisation's consumption account: its id is worked out once. */
const derivedIds = new LruMap<string, string>(10_000);

function nameBasedUuid(name: string): string {
  const bytes = createHash("sha256").update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Creates an organisation's wallet and system accounts; part of creating the organisation. */
export async function openLedger(tx: DbOrTx, orgId: string): Promise<void> {
  await tx.insert(creditWallets).values({ orgId });
  await tx
    .insert(ledgerAccounts)
    .values(SYSTEM_ACCOUNT_KINDS.map((kind) => ({ orgId, id: systemAccountId(orgId, kind), kind })));
}
