"use server";

import type { ActionResult } from "@/app/_lib/action-result";
import { invalidFields, renameFieldErrors, textValue } from "@/app/_lib/form-values";
import { mutate } from "@/app/_lib/mutate";
import type { RouterInputs } from "@/server/api/root";
import { serverApi } from "@/server/api/server";
import { settingsReader } from "./_lib/settings-reader";

type SettingsInput = RouterInputs["purchases"]["updateSettings"];

/** Every billing tab, and the buy page's quote, read these settings. */
const REFRESH = { revalidate: "/", layout: true } as const;

/**
 * Reads one form's part of the settings with the currency they are typed in, then saves it with
 * purchases.updateSettings; the procedure's field names are mapped back to the form's.
 */
async function saveSettings(
  formData: FormData,
  read: (reader: ReturnType<typeof settingsReader>) => SettingsInput,
  formFields: Record<string, string>,
  message: string,
): Promise<ActionResult> {
  const { currency } = await (await serverApi()).purchases.settings();
  const reader = settingsReader(formData, currency);
  const input = read(reader);
  const fieldErrors = reader.fieldErrors();
  if (Object.keys(fieldErrors).length > 0) return invalidFields(fieldErrors);
  return renameFieldErrors(await mutate((api) => api.purchases.updateSettings(input), { ...REFRESH, message }), formFields);
}

/**
 * Graduated tiers, typed as numbered rows of "from (credits)" and "price per credit"
 * (`tierFrom.3`, `tierPrice.3`); rows left empty are dropped, the others saved in their order.
 */
export async function saveVolumeTiers(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const rows = [...formData.keys()]
    .filter((name) => name.startsWith("tierFrom."))
    .map((name) => name.slice("tierFrom.".length))
    .filter((row) => textValue(formData, `tierFrom.${row}`) || textValue(formData, `tierPrice.${row}`));
  const fields = (row: string) => ({ from: `tierFrom.${row}`, price: `tierPrice.${row}` });
  return saveSettings(
    formData,
    (reader) => ({
      volumeTiers: rows.map((row) => {
        const { from, price } = fields(row);
        const tier = { fromMicros: reader.credits.read(from, "The tier's start"), priceMinorPerMillion: reader.price.read(price, "The price") };
        if (tier.fromMicros === 0) reader.refuse(from, "A tier starts above zero credits");
        if (tier.priceMinorPerMillion === 0) reader.refuse(price, "The price must be more than zero");
        return tier;
      }),
    }),
    Object.fromEntries(rows.flatMap((row, position) => [[`volumeTiers.${position}.fromMicros`, fields(row).from], [`volumeTiers.${position}.priceMinorPerMillion`, fields(row).price]])),
    rows.length === 0 ? "Tiers removed: every credit costs the list price." : "Volume tiers saved.",
  );
}

export async function saveDiscountRates(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return saveSettings(
    formData,
    (reader) => ({
      annualPrepayDiscountBps: reader.percent("annualDiscount", "The annual-prepay discount", 99.99),
      taxRateBps: reader.percent("taxRate", "The tax rate", 100),
    }),
    { annualPrepayDiscountBps: "annualDiscount", taxRateBps: "taxRate" },
    "Discount and tax saved.",
  );
}

export async function saveCommitment(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const startMonth = textValue(formData, "startMonth");
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(startMonth)) return invalidFields({ startMonth: "Choose the contract's first month" });
  return saveSettings(
    formData,
    (reader) => ({
      commitment: {
        monthlyMinimumMinor: reader.money.read("monthlyMinimum", "The monthly minimum"),
        months: reader.whole("months", "The length in months", 1),
        discountBps: reader.percent("commitmentDiscount", "The contract discount", 99.99),
        startMonth,
      },
    }),
    { "commitment.monthlyMinimumMinor": "monthlyMinimum", "commitment.months": "months", "commitment.discountBps": "commitmentDiscount", "commitment.startMonth": "startMonth" },
    "Contract saved.",
  );
}

export async function endCommitment(_previous: ActionResult, _formData: FormData): Promise<ActionResult> {
  return mutate((api) => api.purchases.updateSettings({ commitment: null }), { ...REFRESH, message: "Contract ended." });
}

export async function saveApprovalRules(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return saveSettings(
    formData,
    (reader) => ({
      approvalThresholdMinor: reader.money.readOptional("threshold", "The approval threshold"),
      secondApprovalThresholdMinor: reader.money.readOptional("secondThreshold", "The second-approver threshold"),
      approvalExpiryHours: reader.whole("expiryHours", "The expiry", 1),
    }),
    { approvalThresholdMinor: "threshold", secondApprovalThresholdMinor: "secondThreshold", approvalExpiryHours: "expiryHours" },
    "Approval rules saved.",
  );
}

export async function saveAutoTopUp(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  const enabled = formData.get("enabled") === "on";
  return saveSettings(
    formData,
    (reader) => {
      const autoTopUp = {
        enabled,
        thresholdMicros: reader.credits.readOptional("threshold", "The threshold"),
        blockMicros: reader.credits.readOptional("block", "The block"),
        monthlyCapMinor: reader.money.readOptional("monthlyCap", "The monthly cap"),
      };
      if (autoTopUp.blockMicros === 0) reader.refuse("block", "The block must be more than zero credits");
      if (enabled) {
        for (const [name, value] of [["threshold", autoTopUp.thresholdMicros], ["block", autoTopUp.blockMicros], ["monthlyCap", autoTopUp.monthlyCapMinor]] as const) {
          if (value === null) reader.refuse(name, "Needed while auto top-up is on");
        }
      }
      return { autoTopUp };
    },
    { "autoTopUp.thresholdMicros": "threshold", "autoTopUp.blockMicros": "block", "autoTopUp.monthlyCapMinor": "monthlyCap" },
    enabled ? "Auto top-up is on." : "Auto top-up is off.",
  );
}
