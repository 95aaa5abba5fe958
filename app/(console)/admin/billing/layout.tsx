import { PageHeader } from "@/app/_components/page-header";
import { requireMember } from "@/server/api/server";
import { FinanceOnly } from "../../purchases/_components/finance-only";
import { seesAllPurchases } from "../../purchases/_lib/finance-reader";
import { SectionTabs } from "../_components/section-tabs";

const TITLE = "Billing settings";

const TABS = [
  { href: "/admin/billing", label: "Prices & discounts" },
  { href: "/admin/billing/approvals", label: "Approvals" },
  { href: "/admin/billing/auto-top-up", label: "Auto top-up" },
];

/** Finance and administrators set how credits are sold: discounts, approvals, auto top-up. */
export default async function BillingLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  if (!seesAllPurchases(member)) return <FinanceOnly title={TITLE} />;
  return (
    <>
      <PageHeader title={TITLE} description="How credits are priced and sold: volume tiers, contracts and discounts, who approves large purchases, and automatic top-ups." />
      <SectionTabs label="Billing sections" tabs={TABS} />
      {children}
    </>
  );
}
