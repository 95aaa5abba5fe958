import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { param, type SearchParams } from "@/app/_components/filters/search-params";
import { PageHeader } from "@/app/_components/page-header";
import { ActionButton } from "../admin/_components/action-button";
import { NotForYourRole } from "../budgets/_components/not-for-your-role";
import { budgetReaderApi } from "../budgets/_lib/budget-reader";
import { acknowledgeAlerts } from "./actions";
import { AlertFeed } from "./alert-feed";
import { Tabs } from "@/app/_components/tabs";

export const metadata: Metadata = { title: "Alerts" };

const TITLE = "Alerts";
const SHOWN = 200;
const OPEN_HREF = "/alerts?show=open";

export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const reader = await budgetReaderApi();
  if (!reader) return <NotForYourRole title={TITLE} />;
  const { api, member } = reader;
  const openOnly = param(await searchParams, "show") === "open";
  const [org, alerts] = await Promise.all([api.org.get(), api.alerts.list({ openOnly, limit: SHOWN })]);
  const open = alerts.filter((alert) => !alert.acknowledgedAt);
  const seesLowBalance = member.role === "admin" || member.role === "finance";
  return (
    <>
      <PageHeader
        title={TITLE}
        description={`Budget thresholds${seesLowBalance ? " and low balance" : " of the budgets you see"}, newest first. Times in ${org.timeZone}.`}
        actions={
          open.length > 0 && (
            <ActionButton
              action={acknowledgeAlerts}
              fields={{ alertIds: open.map((alert) => alert.id).join(",") }}
              label="Acknowledge all visible"
              pendingLabel="Acknowledging…"
              confirm={{ question: `Acknowledge the ${open.length} open alert${open.length === 1 ? "" : "s"} shown?`, confirmLabel: "Acknowledge all" }}
            />
          )
        }
      />
      <Tabs
        label="Which alerts"
        tabs={[
          { href: "/alerts", label: "All" },
          { href: OPEN_HREF, label: "Open" },
        ]}
        current={openOnly ? OPEN_HREF : "/alerts"}
      />
      {alerts.length === 0 ? (
        <EmptyState title={openOnly ? "No open alerts" : "No alerts yet"}>
          An alert is raised once per budget, period and threshold as spend crosses it
          {seesLowBalance && ", and when the available balance falls below the low-balance level in Organisation settings"}.
        </EmptyState>
      ) : (
        <>
          <AlertFeed alerts={alerts} timeZone={org.timeZone} />
          {alerts.length >= SHOWN && <p className="mt-3 text-sm text-gray-500 dark:text-gray-400">The {SHOWN} most recent alerts.</p>}
        </>
      )}
    </>
  );
}
