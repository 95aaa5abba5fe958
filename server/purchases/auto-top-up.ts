import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { creditWallets, invoices, organizations, purchases, purchaseSettings } from "../../db/schema";
import { withTransaction, type DbOrTx, type Transaction } from "../../db/transaction";
import { availableMicros, lockWallet } from "../ledger/wallet";
import { hashPayload } from "../lib/hash";
import { uuidv7 } from "../lib/ids";
import type { AutoTopUpPayload } from "../outbox/email-payloads";
import { requestPurchase } from "./create-purchase";
import { notifyAutoTopUp } from "./purchase-emails";
import { buildQuote } from "./quote-view";
import { getPurchaseSettings, quoteContextOf } from "./settings";

export type AutoTopUpOutcome =
  /** Nothing to do: auto top-up is off, or the balance is at or above the threshold. */
  | "disabled"
  | "above_threshold"
  /** An auto top-up is already pending approval or awaiting payment: at most one at a time. */
  | "in_flight"
  /** The last auto top-up was rejected, cancelled or expired since the settings were saved: it waits for an administrator. */
  | "declined"
  /** Another block would take this month's auto top-ups past the monthly cap. */
  | "cap_reached"
  | "purchase_started"
  | "approval_requested";

export interface AutoTopUpResult {
  outcome: AutoTopUpOutcome;
  purchaseId: string | null;
}

const IN_FLIGHT = ["pending_approval", "awaiting_payment"] as const;
const DECLINED = new Set(["rejected", "expired", "cancelled"]);

const belowThreshold = sql<boolean>`${creditWallets.postedMicros} - ${creditWallets.heldMicros} < ${purchaseSettings.autoTopUpThresholdMicros}`;
const autoTopUpInFlight = sql<boolean>`EXISTS (SELECT 1 FROM ${purchases} p WHERE p.org_id = ${purchaseSettings.orgId}
  AND p.source = 'auto_top_up' AND p.status IN ('pending_approval', 'awaiting_payment'))`;

const walletOfSettings = eq(creditWallets.orgId, purchaseSettings.orgId);

/**
 * Buys the configured block when the available balance is below the auto top-up threshold. Safe to
 * call after any spend, as often as you like, concurrently: most calls stop at a read without a
 * lock; the rest decide under the organisation's wallet lock, where at most one auto top-up may be
 * in flight (also a unique index), the monthly cap is checked against what auto top-ups bought this
 * calendar month (organisation's time zone: pending, awaiting payment and paid ones), and at or
 * above the approval threshold a request for finance is opened instead of buying. A declined auto
 * top-up is not retried until an administrator saves the settings again, so it never loops.
 */
export async function requestAutoTopUp(db: DbOrTx, orgId: string): Promise<AutoTopUpResult> {
  const [state] = await db
    .select({ enabled: purchaseSettings.autoTopUpEnabled, below: belowThreshold, inFlight: autoTopUpInFlight })
    .from(purchaseSettings)
    .innerJoin(creditWallets, walletOfSettings)
    .where(eq(purchaseSettings.orgId, orgId));
  if (!state?.enabled) return { outcome: "disabled", purchaseId: null };
  if (!state.below) return { outcome: "above_threshold", purchaseId: null };
  if (state.inFlight) return { outcome: "in_flight", purchaseId: null };
  return withTransaction(db, (tx) => topUpLocked(tx, orgId));
}

async function topUpLocked(tx: Transaction, orgId: string): Promise<AutoTopUpResult> {
  const wallet = await lockWallet(tx, orgId);
  const settings = await getPurchaseSettings(tx, orgId);
  const { enabled, thresholdMicros, blockMicros, monthlyCapMinor } = settings.autoTopUp;
  if (!enabled || thresholdMicros === null || blockMicros === null || monthlyCapMinor === null) return { outcome: "disabled", purchaseId: null };
  const available = availableMicros(wallet);
  if (available >= thresholdMicros) return { outcome: "above_threshold", purchaseId: null };

  const autoTopUps = and(eq(purchases.orgId, orgId), eq(purchases.source, "auto_top_up"));
  const [last] = await tx
    .select({ status: purchases.status, decidedAt: purchases.decidedAt, createdAt: purchases.createdAt })
    .from(purchases)
    .where(autoTopUps)
    .orderBy(desc(purchases.createdAt))
    .limit(1);
  if (last && (IN_FLIGHT as readonly string[]).includes(last.status)) return { outcome: "in_flight", purchaseId: null };
  if (last && DECLINED.has(last.status) && (!settings.updatedAt || (last.decidedAt ?? last.createdAt) >= settings.updatedAt)) {
    return { outcome: "declined", purchaseId: null };
  }

  const month = settings.currentMonth;
  const [{ bought } = { bought: 0 }] = await tx
    .select({ bought: sql<number>`coalesce(sum(${purchases.totalMinor}), 0)::bigint` })
    .from(purchases)
    .where(
      and(
        autoTopUps,
        inArray(purchases.status, [...IN_FLIGHT, "paid"]),
        sql`to_char(${purchases.createdAt} AT TIME ZONE (SELECT ${organizations.timeZone} FROM ${organizations} WHERE ${organizations.id} = ${orgId}), 'YYYY-MM') = ${month}`,
      ),
    );
  const boughtThisMonthMinor = Number(bought);
  const quote = buildQuote(quoteContextOf(settings), blockMicros, false);
  const payload: Omit<AutoTopUpPayload, "event" | "purchaseId" | "invoiceNumber"> = {
    creditsMicros: blockMicros,
    totalMinor: quote.totalMinor,
    currency: quote.currency,
    availableMicros: available,
    thresholdMicros,
    monthlyCapMinor,
    boughtThisMonthMinor,
    month,
  };
  if (boughtThisMonthMinor + quote.totalMinor > monthlyCapMinor) {
    await notifyAutoTopUp(tx, orgId, `cap:${month}:${monthlyCapMinor}`, { ...payload, event: "cap_reached", purchaseId: null, invoiceNumber: null });
    return { outcome: "cap_reached", purchaseId: null };
  }

  const purchase = await requestPurchase(
    tx,
    orgId,
    { actor: "system", memberId: null, apiKeyId: null, source: "auto_top_up" },
    {
      idempotencyKey: `auto-top-up:${uuidv7()}`,
      requestHash: hashPayload({ autoTopUp: { blockMicros } }),
      quote,
      approvalExpiryHours: settings.approvalExpiryHours,
      note: "Auto top-up: the available credits fell below the threshold",
    },
    wallet.now,
  );
  const [invoice] = await tx
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.purchaseId, purchase.id)));
  const outcome = purchase.status === "pending_approval" ? "approval_requested" : "purchase_started";
  await notifyAutoTopUp(tx, orgId, purchase.id, { ...payload, event: outcome, purchaseId: purchase.id, invoiceNumber: invoice?.number ?? null });
  return { outcome, purchaseId: purchase.id };
}

/** The `auto-top-up` job: every organisation due for one (see requestAutoTopUp). */
export async function runAutoTopUps(db: Database): Promise<{ checked: number; started: number }> {
  const due = await db
    .select({ orgId: purchaseSettings.orgId })
    .from(purchaseSettings)
    .innerJoin(creditWallets, walletOfSettings)
    .where(and(eq(purchaseSettings.autoTopUpEnabled, true), belowThreshold, sql`NOT ${autoTopUpInFlight}`))
    .limit(500);
  let started = 0;
  for (const { orgId } of due) {
    const result = await requestAutoTopUp(db, orgId);
    if (result.purchaseId) started++;
  }
  return { checked: due.length, started };
}
