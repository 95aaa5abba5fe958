import type { Metadata } from "next";
import Link from "next/link";
import { financeReaderApi } from "../../../purchases/_lib/finance-reader";
import { FormSection } from "../../_components/form-section";
import { moneyText } from "../_lib/billing-values";
import { ApprovalRulesForm } from "./approval-rules-form";

export const metadata: Metadata = { title: "Approval rules" };

export default async function ApprovalRulesPage() {
  const reader = await financeReaderApi();
  // The layout tells other roles why there is nothing here.
  if (!reader) return null;
  const settings = await reader.api.purchases.settings();
  return (
    <FormSection
      title="Approval rules"
      description={
        <>
          A request waits in the{" "}
          <Link href="/approvals" className="text-blue-700 underline dark:text-blue-300">
            approvals inbox
          </Link>{" "}
          and finance is e-mailed. A requester never approves their own purchase, by any path; each approval counts once, and the requester is
          e-mailed the decision. Auto top-ups at or above the threshold open a request too.
        </>
      }
    >
      <ApprovalRulesForm
        currency={settings.currency}
        defaults={{
          threshold: moneyText(settings.approvalThresholdMinor, settings.currency),
          secondThreshold: moneyText(settings.secondApprovalThresholdMinor, settings.currency),
          expiryHours: String(settings.approvalExpiryHours),
        }}
      />
    </FormSection>
  );
}
