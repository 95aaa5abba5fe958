import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { serverApi } from "@/server/api/server";
import { percent, unitPrice } from "@/server/purchases/quote-view";
import { PriceBandsTable } from "../_components/price-bands-table";
import { BuyCreditsForm } from "./buy-credits-form";

export const metadata: Metadata = { title: "Buy credits" };

export default async function BuyCreditsPage() {
  const api = await serverApi();
  const settings = await api.purchases.settings();
  const graduated = settings.priceBands.length > 1;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/purchases" className="text-blue-700 hover:underline dark:text-blue-300">
          ← Purchases
        </Link>
      </nav>
      <PageHeader
        title="Buy credits"
        description="The quote follows what you type. Large purchases wait for finance's approval; every purchase is paid by invoice, and the credits arrive when finance marks it paid."
      />
      <BuyCreditsForm
        idempotencyKey={randomUUID()}
        currency={settings.currency}
        listPrice={unitPrice(settings.listPriceMinorPerMillion, settings.currency)}
        annualDiscount={settings.annualPrepayDiscountBps > 0 ? percent(settings.annualPrepayDiscountBps) : null}
      />
      <section aria-labelledby="volume-pricing" className="mt-8 max-w-xl">
        <h2 id="volume-pricing" className="mb-1 text-lg font-medium">
          Volume pricing
        </h2>
        <p className="mb-3 text-sm text-gray-500 dark:text-gray-400">
          {graduated
            ? "Graduated: the credits within each band cost that band's price, so buying more never makes the earlier credits dearer."
            : "Every credit costs the list price."}
          {settings.commitment?.active && ` Your committed-use contract takes ${percent(settings.commitment.discountBps)} off until ${settings.commitment.endMonth}.`}
        </p>
        <PriceBandsTable bands={settings.priceBands} currency={settings.currency} />
      </section>
    </>
  );
}
