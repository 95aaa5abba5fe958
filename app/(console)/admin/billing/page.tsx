import { Card } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { formatCredits, formatMoney } from "@/app/_lib/format";
import { formatScaled } from "@/server/lib/decimal";
import { percent, unitPrice } from "@/server/purchases/quote-view";
import { financeReaderApi } from "../../purchases/_lib/finance-reader";
import { PriceBandsTable } from "../../purchases/_components/price-bands-table";
import { QuoteBreakdown } from "../../purchases/_components/quote-breakdown";
import { ActionButton } from "../_components/action-button";
import { FormSection } from "../_components/form-section";
import { creditPriceScale } from "../_lib/currency";
import { creditsText, moneyText, percentText } from "./_lib/billing-values";
import { endCommitment } from "./actions";
import { CommitmentForm } from "./commitment-form";
import { CommitmentShortfallTable } from "./commitment-shortfall-table";
import { DiscountRatesForm } from "./discount-rates-form";
import { VolumeTiersForm } from "./volume-tiers-form";

export const metadata: Metadata = { title: "Prices & discounts" };

/** Credits that reach the last band (twice its start), so the example shows every tier at work; 10,000 without tiers. */
const exampleMicros = (bands: { fromMicros: number }[]) => Math.max(10_000_000_000, 2 * (bands.at(-1)?.fromMicros ?? 0));

export default async function PricesAndDiscountsPage() {
  const reader = await financeReaderApi();
  // The layout tells other roles why there is nothing here.
  if (!reader) return null;
  const { api, member } = reader;
  const [settings, shortfall] = await Promise.all([api.purchases.settings(), api.purchases.commitmentShortfall()]);
  const { currency, commitment } = settings;
  const example = await api.purchases.quote({ creditsMicros: exampleMicros(settings.priceBands), annualPrepay: settings.annualPrepayDiscountBps > 0 });
  const listPrice = unitPrice(settings.listPriceMinorPerMillion, currency);

  return (
    <>
      <p className="max-w-3xl text-sm text-gray-600 dark:text-gray-300">
        One credit lists at <strong className="font-medium text-gray-900 dark:text-gray-100">{listPrice}</strong> ({currency}).{" "}
        {member.role === "admin" ? (
          <>
            Change it in{" "}
            <Link href="/admin/organization" className="text-blue-700 underline dark:text-blue-300">
              Organisation settings
            </Link>
            .
          </>
        ) : (
          "An administrator changes it in the organisation's settings."
        )}{" "}
        Discounts stack in a fixed order: graduated volume tiers give the subtotal; the committed-use discount comes off that; the annual-prepay
        discount comes off what remains; tax is charged on the net. Amounts stay exact until the total, which is rounded half-up to the minor unit
        once.
      </p>

      <FormSection
        title="Volume tiers"
        description="Graduated: the credits within each band cost that band's price, so the price of the next credit never rises and a larger purchase never costs less than a smaller one. A tier cannot cost more than the one before it."
      >
        <div className="grid gap-6 xl:grid-cols-2">
          <VolumeTiersForm
            tiers={settings.volumeTiers.map((tier) => ({ from: creditsText(tier.fromMicros), price: formatScaled(tier.priceMinorPerMillion, creditPriceScale(currency)) }))}
            currency={currency}
            priceDecimals={creditPriceScale(currency)}
            listPrice={listPrice}
          />
          <div className="space-y-4">
            <PriceBandsTable bands={settings.priceBands} currency={currency} />
            <Card>
              <h3 className="mb-2 text-sm font-medium">
                Example: {formatCredits(example.creditsMicros)} credits{example.annualPrepay ? ", annual prepay" : ""}
              </h3>
              <QuoteBreakdown lines={example.lines} caption="An example quote under the saved settings" />
            </Card>
          </div>
        </div>
      </FormSection>

      <FormSection title="Annual prepay and tax">
        <DiscountRatesForm annualDiscount={percentText(settings.annualPrepayDiscountBps)} taxRate={percentText(settings.taxRateBps)} />
      </FormSection>

      <FormSection
        title="Committed-use contract"
        description={
          commitment
            ? `${commitment.active ? "Running" : commitment.startMonth > settings.currentMonth ? "Starts" : "Ended"}: ${formatMoney(commitment.monthlyMinimumMinor, currency)} a month from ${commitment.startMonth} to ${commitment.endMonth}, for ${percent(commitment.discountBps)} off every purchase while it runs. Each month's shortfall is what the organisation still owes under it.`
            : "None. A contract commits the organisation to a monthly minimum for some months, in return for a discount on every purchase in that time."
        }
      >
        <div className="space-y-6">
          <CommitmentForm
            currency={currency}
            contract={{
              monthlyMinimum: moneyText(commitment?.monthlyMinimumMinor ?? null, currency),
              months: commitment ? String(commitment.months) : "12",
              commitmentDiscount: commitment ? percentText(commitment.discountBps) : "",
              startMonth: commitment?.startMonth ?? settings.currentMonth,
            }}
          />
          {commitment && (
            <>
              {shortfall.months.length === 0 ? (
                <EmptyState title="No months yet">The contract&apos;s months appear here.</EmptyState>
              ) : (
                <CommitmentShortfallTable shortfall={shortfall} />
              )}
              <ActionButton
                action={endCommitment}
                fields={{}}
                label="End the contract"
                pendingLabel="Ending…"
                confirm={{ question: "End the contract? Its discount stops for new quotes; past months keep their figures.", confirmLabel: "End contract" }}
              />
            </>
          )}
        </div>
      </FormSection>
    </>
  );
}
