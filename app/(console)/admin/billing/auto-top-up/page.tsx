import type { Metadata } from "next";
import { formatCredits, formatMoney } from "@/app/_lib/format";
import { financeReaderApi } from "../../../purchases/_lib/finance-reader";
import { approvalSentence } from "../../../purchases/_lib/approval-sentence";
import { FormSection } from "../../_components/form-section";
import { creditsText, moneyText } from "../_lib/billing-values";
import { AutoTopUpForm } from "./auto-top-up-form";

export const metadata: Metadata = { title: "Auto top-up" };

export default async function AutoTopUpPage() {
  const reader = await financeReaderApi();
  // The layout tells other roles why there is nothing here.
  if (!reader) return null;
  const { api } = reader;
  const settings = await api.purchases.settings();
  const { autoTopUp, currency } = settings;
  const blockQuote = autoTopUp.blockMicros ? await api.purchases.quote({ creditsMicros: autoTopUp.blockMicros, annualPrepay: false }) : null;
  return (
    <FormSection
      title="Auto top-up"
      description="Keeps agents from running dry: when the available balance falls below the threshold, Allot requests a block of credits. At most one top-up is in flight at a time, so a burst of spending never buys twice. One that finance rejects, or that is cancelled or expires, is not retried until these settings are saved again, so it never loops."
    >
      {blockQuote && (
        <p data-testid="block-quote" className="mb-4 max-w-2xl rounded-md bg-gray-50 p-3 text-sm text-gray-700 dark:bg-gray-800 dark:text-gray-200">
          A block of {formatCredits(blockQuote.creditsMicros)} credits costs {formatMoney(blockQuote.totalMinor, currency)} today. {approvalSentence(blockQuote)}
        </p>
      )}
      <AutoTopUpForm
        currency={currency}
        defaults={{
          enabled: autoTopUp.enabled,
          threshold: creditsText(autoTopUp.thresholdMicros),
          block: creditsText(autoTopUp.blockMicros),
          monthlyCap: moneyText(autoTopUp.monthlyCapMinor, currency),
        }}
      />
    </FormSection>
  );
}
