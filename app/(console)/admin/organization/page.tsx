import type { Metadata } from "next";
import { formatMoneyExact } from "@/app/_lib/format";
import { formatScaled } from "@/server/lib/decimal";
import { adminApi } from "../_lib/admin-api";
import { creditPriceScale } from "../_lib/currency";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Organisation settings" };

export default async function OrganizationSettingsPage() {
  const admin = await adminApi();
  // The layout tells non-administrators why there is nothing here.
  if (!admin) return null;
  const org = await admin.api.org.get();
  return (
    <section aria-label="Settings">
      <p className="mb-4 text-sm text-gray-500 dark:text-gray-400">
        One credit currently lists at{" "}
        <strong className="font-medium text-gray-900 dark:text-gray-100">
          {formatMoneyExact(BigInt(org.creditPriceMinorPerMillion), 6, org.currency)}
        </strong>
        .
      </p>
      <SettingsForm
        defaults={{
          name: org.name,
          timeZone: org.timeZone,
          currency: org.currency,
          creditPrice: formatScaled(org.creditPriceMinorPerMillion, creditPriceScale(org.currency)),
          lowBalanceThreshold: org.lowBalanceThresholdMicros === null ? "" : formatScaled(org.lowBalanceThresholdMicros, 6),
        }}
        priceDecimals={creditPriceScale(org.currency)}
        timeZones={["UTC", ...Intl.supportedValuesOf("timeZone")]}
        currencies={Intl.supportedValuesOf("currency")}
      />
    </section>
  );
}
