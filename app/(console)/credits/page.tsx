import { Card, Metric, Text } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportLink } from "@/app/_components/filters/export-link";
import { todayInZone } from "@/app/_components/filters/zoned-dates";
import { PageHeader } from "@/app/_components/page-header";
import { formatCredits, formatCreditsAsMoney } from "@/app/_lib/format";
import { requireMember, serverApi } from "@/server/api/server";
import { AddCreditsForm } from "./add-credits-form";
import { GrantsTable } from "./grants-table";
import { RemoveCreditsForm } from "./remove-credits-form";

export const metadata: Metadata = { title: "Credits & grants" };

/** The most grants credits.grants returns; beyond it the page and CSV say they are partial. */
const GRANTS_SHOWN = 500;

export default async function CreditsPage() {
  const member = await requireMember();
  if (member.role !== "admin" && member.role !== "finance") {
    return (
      <>
        <PageHeader title="Credits & grants" />
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-medium">Not allowed</p>
          <p className="mt-1 text-sm">
            The organisation&apos;s credits and grants are for administrators and finance. Your own spend is on the{" "}
            <Link href="/usage" className="underline">
              Usage
            </Link>{" "}
            page.
          </p>
        </div>
      </>
    );
  }

  const api = await serverApi();
  const [org, balance, grants] = await Promise.all([api.org.get(), api.credits.balance(), api.credits.grants()]);
  const money = (micros: number) => formatCreditsAsMoney(micros, org.creditPriceMinorPerMillion, org.currency);
  const cards = [
    { label: "Available", micros: balance.availableMicros, note: "posted minus held", testId: "available-credits" },
    { label: "Held by reservations", micros: balance.heldMicros, note: "for actions in flight", testId: "held-credits" },
    { label: "Posted", micros: balance.postedMicros, note: "left in open grants", testId: "posted-credits" },
  ];

  return (
    <>
      <PageHeader
        title="Credits & grants"
        description="The organisation's balance and every lot of credits it has been granted."
        actions={<ExportLink href="/credits/export">Export grants CSV</ExportLink>}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        {cards.map((card) => (
          <Card key={card.label}>
            <Text>{card.label}</Text>
            <Metric data-testid={card.testId}>{formatCredits(card.micros)}</Metric>
            <Text>
              credits · {money(card.micros)} · {card.note}
            </Text>
          </Card>
        ))}
      </div>

      {member.role === "admin" && (
        <div className="mt-8 grid gap-6 lg:grid-cols-2">
          <Card>
            <AddCreditsForm today={todayInZone(org.timeZone)} />
          </Card>
          <Card>
            <RemoveCreditsForm />
          </Card>
        </div>
      )}

      <section className="mt-8" aria-labelledby="grants">
        <h2 id="grants" className="mb-2 text-lg font-medium">
          Grants
        </h2>
        {grants.length >= GRANTS_SHOWN && (
          <p className="mb-2 text-sm text-gray-500 dark:text-gray-400">The {GRANTS_SHOWN} most recent grants.</p>
        )}
        {grants.length === 0 ? (
          <EmptyState title="No grants yet">Credits arrive as grants: starter credits, purchases, promotions and adjustments.</EmptyState>
        ) : (
          <GrantsTable grants={grants} timeZone={org.timeZone} />
        )}
      </section>
    </>
  );
}
