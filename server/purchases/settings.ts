import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations, purchaseSettings, type VolumeTier } from "../../db/schema";
import { withTransaction, type DbOrTx } from "../../db/transaction";
import { recordAudit } from "../audit/record-audit";
import { invalidInput, notFound } from "../lib/errors";
import { MAX_PURCHASE_MICROS, priceBands, type PriceBand, type PricingRules } from "./quote-math";
import type { QuoteContext } from "./quote-view";

const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const micros = z.number().int().min(0).max(MAX_PURCHASE_MICROS);
/** A discount in basis points: 0–99.99 %. */
const discountBps = z.number().int().min(0).max(9_999);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month such as 2026-04");

export const volumeTierSchema = z.object({
  fromMicros: micros.positive(),
  priceMinorPerMillion: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const commitmentSchema = z.object({
  monthlyMinimumMinor: money.positive(),
  months: z.number().int().min(1).max(120),
  discountBps,
  /** The contract's first month, in the organisation's time zone. */
  startMonth: month,
});

export const autoTopUpSchema = z.object({
  enabled: z.boolean(),
  /** Buy when the available balance falls below this. */
  thresholdMicros: micros.nullable(),
  /** How much to buy each time. */
  blockMicros: micros.positive().nullable(),
  /** At most this much money of auto top-ups per calendar month (organisation's time zone). */
  monthlyCapMinor: money.nullable(),
});

/** `purchases.updateSettings`: every field optional; the ones given replace the stored value. */
export const updatePurchaseSettingsSchema = z.object({
  volumeTiers: z.array(volumeTierSchema).max(20).optional(),
  /** null ends the contract. */
  commitment: commitmentSchema.nullable().optional(),
  annualPrepayDiscountBps: discountBps.optional(),
  taxRateBps: z.number().int().min(0).max(10_000).optional(),
  approvalThresholdMinor: money.nullable().optional(),
  secondApprovalThresholdMinor: money.nullable().optional(),
  approvalExpiryHours: z.number().int().min(1).max(24 * 365).optional(),
  autoTopUp: autoTopUpSchema.optional(),
});
export type UpdatePurchaseSettingsInput = z.infer<typeof updatePurchaseSettingsSchema>;

export interface CommitmentView {
  monthlyMinimumMinor: number;
  months: number;
  discountBps: number;
  startMonth: string;
  /** The contract's last month. */
  endMonth: string;
  /** The current month (organisation's time zone) is within the contract. */
  active: boolean;
}

export interface PurchaseSettingsView {
  currency: string;
  listPriceMinorPerMillion: number;
  timeZone: string;
  volumeTiers: VolumeTier[];
  /** The graduated schedule as it prices: the list price up to the first tier, then each tier. */
  priceBands: PriceBand[];
  commitment: CommitmentView | null;
  annualPrepayDiscountBps: number;
  taxRateBps: number;
  approvalThresholdMinor: number | null;
  secondApprovalThresholdMinor: number | null;
  approvalExpiryHours: number;
  autoTopUp: z.infer<typeof autoTopUpSchema>;
  /** The current calendar month in the organisation's time zone ("2026-04"). */
  currentMonth: string;
  updatedAt: Date | null;
}

/** "2026-04" plus `count` months. */
export function addMonths(yearMonth: string, count: number): string {
  const [year, monthNumber] = yearMonth.split("-").map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

const DEFAULTS = {
  volumeTiers: [] as VolumeTier[],
  commitmentMonthlyMinimumMinor: null,
  commitmentMonths: null,
  commitmentDiscountBps: null,
  commitmentStartMonth: null,
  annualPrepayDiscountBps: 0,
  taxRateBps: 0,
  approvalThresholdMinor: null,
  secondApprovalThresholdMinor: null,
  approvalExpiryHours: 72,
  autoTopUpEnabled: false,
  autoTopUpThresholdMicros: null,
  autoTopUpBlockMicros: null,
  autoTopUpMonthlyCapMinor: null,
  updatedAt: null,
};

type SettingsRow = Omit<typeof purchaseSettings.$inferSelect, "orgId" | "updatedAt"> & { updatedAt: Date | null };

/** The organisation's purchase settings (defaults when it never changed them), with its currency and list price. */
export async function getPurchaseSettings(db: DbOrTx, orgId: string): Promise<PurchaseSettingsView> {
  const [row] = await db
    .select({
      currency: organizations.currency,
      listPriceMinorPerMillion: organizations.creditPriceMinorPerMillion,
      timeZone: organizations.timeZone,
      currentMonth: sql<string>`to_char(now() AT TIME ZONE ${organizations.timeZone}, 'YYYY-MM')`,
      settings: purchaseSettings,
    })
    .from(organizations)
    .leftJoin(purchaseSettings, eq(purchaseSettings.orgId, organizations.id))
    .where(eq(organizations.id, orgId));
  if (!row) throw notFound("Organisation");
  const settings: SettingsRow = row.settings ?? DEFAULTS;
  return toView(row, settings);
}

function toView(org: { currency: string; listPriceMinorPerMillion: number; timeZone: string; currentMonth: string }, settings: SettingsRow): PurchaseSettingsView {
  const startMonth = settings.commitmentStartMonth?.slice(0, 7) ?? null;
  const commitment =
    startMonth !== null && settings.commitmentMonths !== null && settings.commitmentMonthlyMinimumMinor !== null && settings.commitmentDiscountBps !== null
      ? {
          monthlyMinimumMinor: settings.commitmentMonthlyMinimumMinor,
          months: settings.commitmentMonths,
          discountBps: settings.commitmentDiscountBps,
          startMonth,
          endMonth: addMonths(startMonth, settings.commitmentMonths - 1),
          active: startMonth <= org.currentMonth && org.currentMonth <= addMonths(startMonth, settings.commitmentMonths - 1),
        }
      : null;
  return {
    currency: org.currency,
    listPriceMinorPerMillion: org.listPriceMinorPerMillion,
    timeZone: org.timeZone,
    volumeTiers: settings.volumeTiers,
    priceBands: priceBands({ listPriceMinorPerMillion: org.listPriceMinorPerMillion, volumeTiers: settings.volumeTiers }),
    commitment,
    annualPrepayDiscountBps: settings.annualPrepayDiscountBps,
    taxRateBps: settings.taxRateBps,
    approvalThresholdMinor: settings.approvalThresholdMinor,
    secondApprovalThresholdMinor: settings.secondApprovalThresholdMinor,
    approvalExpiryHours: settings.approvalExpiryHours,
    autoTopUp: {
      enabled: settings.autoTopUpEnabled,
      thresholdMicros: settings.autoTopUpThresholdMicros,
      blockMicros: settings.autoTopUpBlockMicros,
      monthlyCapMinor: settings.autoTopUpMonthlyCapMinor,
    },
    currentMonth: org.currentMonth,
    updatedAt: settings.updatedAt,
  };
}

/** What prices a purchase now: list price, tiers, the active contract's discount, the annual discount, tax, thresholds. */
export function quoteContextOf(settings: PurchaseSettingsView): QuoteContext {
  const rules: PricingRules = {
    currency: settings.currency,
    listPriceMinorPerMillion: settings.listPriceMinorPerMillion,
    volumeTiers: settings.volumeTiers,
    commitmentDiscountBps: settings.commitment?.active ? settings.commitment.discountBps : 0,
    annualPrepayDiscountBps: settings.annualPrepayDiscountBps,
    taxRateBps: settings.taxRateBps,
  };
  const { commitment } = settings;
  return {
    rules,
    approvalThresholdMinor: settings.approvalThresholdMinor,
    secondApprovalThresholdMinor: settings.secondApprovalThresholdMinor,
    commitment: commitment?.active
      ? { discountBps: commitment.discountBps, startMonth: commitment.startMonth, endMonth: commitment.endMonth, monthlyMinimumMinor: commitment.monthlyMinimumMinor }
      : null,
  };
}

function checkTiers(tiers: VolumeTier[], listPriceMinorPerMillion: number): void {
  let previous: VolumeTier | undefined;
  for (const [index, tier] of tiers.entries()) {
    if (previous && tier.fromMicros <= previous.fromMicros) {
      throw invalidInput("Volume tiers must start at increasing quantities", { index });
    }
    const ceiling = previous?.priceMinorPerMillion ?? listPriceMinorPerMillion;
    if (tier.priceMinorPerMillion > ceiling) {
      throw invalidInput("A volume tier cannot cost more than the list price or the tier before it", { index, ceiling });
    }
    previous = tier;
  }
}

/** Replaces the given settings (finance and administrators), with the change in the audit trail. */
export async function updatePurchaseSettings(db: DbOrTx, orgId: string, actor: string, input: UpdatePurchaseSettingsInput): Promise<PurchaseSettingsView> {
  return withTransaction(db, async (tx) => {
    // Serialises edits of one organisation's settings, so each audit entry's before is exact. (NO KEY:
    // rows that merely reference the organisation are not held up.)
    await tx.execute(sql`SELECT 1 FROM ${organizations} WHERE ${organizations.id} = ${orgId} FOR NO KEY UPDATE`);
    const before = await getPurchaseSettings(tx, orgId);
    if (input.volumeTiers) checkTiers(input.volumeTiers, before.listPriceMinorPerMillion);
    const changes: Partial<typeof purchaseSettings.$inferInsert> = {
      volumeTiers: input.volumeTiers,
      annualPrepayDiscountBps: input.annualPrepayDiscountBps,
      taxRateBps: input.taxRateBps,
      approvalThresholdMinor: input.approvalThresholdMinor,
      secondApprovalThresholdMinor: input.secondApprovalThresholdMinor,
      approvalExpiryHours: input.approvalExpiryHours,
    };
    if (input.commitment !== undefined) {
      const contract = input.commitment;
      Object.assign(changes, {
        commitmentMonthlyMinimumMinor: contract?.monthlyMinimumMinor ?? null,
        commitmentMonths: contract?.months ?? null,
        commitmentDiscountBps: contract?.discountBps ?? null,
        commitmentStartMonth: contract ? `${contract.startMonth}-01` : null,
      });
    }
    if (input.autoTopUp) {
      const autoTopUp = input.autoTopUp;
      if (autoTopUp.enabled && (autoTopUp.thresholdMicros === null || autoTopUp.blockMicros === null || autoTopUp.monthlyCapMinor === null)) {
        throw invalidInput("Auto top-up needs a threshold, a block and a monthly cap");
      }
      Object.assign(changes, {
        autoTopUpEnabled: autoTopUp.enabled,
        autoTopUpThresholdMicros: autoTopUp.thresholdMicros,
        autoTopUpBlockMicros: autoTopUp.blockMicros,
        autoTopUpMonthlyCapMinor: autoTopUp.monthlyCapMinor,
      });
    }
    const first = input.approvalThresholdMinor !== undefined ? input.approvalThresholdMinor : before.approvalThresholdMinor;
    const second = input.secondApprovalThresholdMinor !== undefined ? input.secondApprovalThresholdMinor : before.secondApprovalThresholdMinor;
    if (second !== null && (first === null || second < first)) {
      throw invalidInput("The second-approver threshold must be at or above the approval threshold");
    }
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    await tx
      .insert(purchaseSettings)
      .values({ orgId, ...defined })
      .onConflictDoUpdate({ target: purchaseSettings.orgId, set: { ...defined, updatedAt: sql`now()` } });
    const after = await getPurchaseSettings(tx, orgId);
    await recordAudit(tx, {
      orgId,
      actor,
      action: "purchase_settings.changed",
      targetType: "purchase_settings",
      targetId: orgId,
      before: settingsForAudit(before),
      after: settingsForAudit(after),
    });
    return after;
  });
}

function settingsForAudit(view: PurchaseSettingsView) {
  const { priceBands: _bands, currentMonth: _month, updatedAt: _updated, ...rest } = view;
  return rest;
}
