import { Card, Metric, Text } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { formatCredits, formatDate, formatDateTime } from "@/app/_lib/format";
import { serverApi } from "@/server/api/server";
import { DailyUsageChart } from "./daily-usage-chart";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const api = await serverApi();
  const [org, balance, daily, recent] = await Promise.all([
    api.org.get(),
    api.credits.balance(),
    api.usage.daily({ days: 30 }),
    api.usage.list({ limit: 10 }),
  ]);
  return (
    <>
      <PageHeader title="Overview" description="Credits available now, what is held for actions in flight, and recent spend." />
      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <Text>Available</Text>
          <Metric data-testid="available-credits">{formatCredits(balance.availableMicros)}</Metric>
          <Text>credits</Text>
        </Card>
        <Card>
          <Text>Held by reservations</Text>
          <Metric data-testid="held-credits">{formatCredits(balance.heldMicros)}</Metric>
          <Text>credits</Text>
        </Card>
        <Card>
          <Text>Posted balance</Text>
          <Metric>{formatCredits(balance.postedMicros)}</Metric>
          <Text>credits in open grants</Text>
        </Card>
      </div>

      <section className="mt-8" aria-labelledby="daily-usage">
        <h2 id="daily-usage" className="mb-2 text-lg font-medium">
          Credits spent per day (last 30 days, {org.timeZone})
        </h2>
        <Card>
          <DailyUsageChart data={daily.map((d) => ({ day: d.day, Credits: d.chargedMicros / 1_000_000 }))} />
        </Card>
      </section>

      <section className="mt-8" aria-labelledby="grants">
        <h2 id="grants" className="mb-2 text-lg font-medium">
          Open grants, in the order they are spent
        </h2>
        {balance.grants.length === 0 ? (
          <EmptyState title="No credits left">Grants appear here when credits are granted or bought.</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-gray-500">
              <tr>
                <th className="py-2">Kind</th>
                <th>Priority</th>
                <th className="text-right">Granted</th>
                <th className="text-right">Remaining</th>
                <th>Expires</th>
                <th>Memo</th>
              </tr>
            </thead>
            <tbody>
              {balance.grants.map((grant) => (
                <tr key={grant.id} className="border-t border-gray-200 dark:border-gray-800">
                  <td className="py-2 capitalize">{grant.kind}</td>
                  <td>{grant.priority}</td>
                  <td className="text-right tabular-nums">{formatCredits(grant.amountMicros)}</td>
                  <td className="text-right tabular-nums">{formatCredits(grant.remainingMicros)}</td>
                  <td>{grant.expiresAt ? formatDate(grant.expiresAt, org.timeZone) : "Never"}</td>
                  <td className="text-gray-500">{grant.memo}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="mt-8" aria-labelledby="recent">
        <div className="mb-2 flex items-baseline justify-between">
          <h2 id="recent" className="text-lg font-medium">
            Recent usage
          </h2>
          <Link href="/usage" className="text-sm text-blue-600 hover:underline">
            All usage →
          </Link>
        </div>
        {recent.events.length === 0 ? (
          <EmptyState title="No usage yet">Sibling apps record usage with an API key (see API keys).</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-gray-500">
              <tr>
                <th className="py-2">When</th>
                <th>Model / operation</th>
                <th>Agent</th>
                <th>Department</th>
                <th className="text-right">Credits</th>
              </tr>
            </thead>
            <tbody>
              {recent.events.map((event) => (
                <tr key={event.id} className="border-t border-gray-200 dark:border-gray-800">
                  <td className="py-2">{formatDateTime(event.occurredAt, org.timeZone)}</td>
                  <td>{event.item}</td>
                  <td>{event.agent ?? "—"}</td>
                  <td>{event.department ?? "—"}</td>
                  <td className="text-right tabular-nums">{formatCredits(event.chargedMicros)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
