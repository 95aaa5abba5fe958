import { NavLink } from "@/app/_components/nav-link";
import { OrgSwitcher } from "@/app/_components/org-switcher";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { requireMember, serverApi } from "@/server/api/server";
import { devMailboxEnabled } from "@/server/env";
import { seesBudgets } from "./budgets/_lib/budget-reader";
import { seesAllPurchases } from "./purchases/_lib/finance-reader";
import { seesRoi } from "./roi/_lib/roi-reader";

const ROLE_LABELS = { admin: "Administrator", finance: "Finance", department_head: "Department head", member: "Member" } as const;

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const api = await serverApi();
  const isAdmin = member.role === "admin";
  const seesLedger = seesAllPurchases(member);
  const budgets = seesBudgets(member);
  const [org, memberships, openAlerts, pendingApprovals] = await Promise.all([
    api.org.get(),
    api.org.memberships(),
    budgets ? api.alerts.openCount() : 0,
    seesLedger ? api.approvals.pendingCount() : 0,
  ]);
  return (
    <div className="flex min-h-screen">
      <aside className="w-60 shrink-0 border-r border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900 print:hidden">
        <div className="mb-6">
          <p className="text-lg font-semibold">Allot</p>
          {memberships.length > 1 ? (
            <OrgSwitcher current={member.orgId} organizations={memberships} />
          ) : (
            <p className="truncate text-sm text-gray-500" title={org.name}>
              {org.name}
            </p>
          )}
        </div>
        <nav aria-label="Main" className="space-y-1">
          <NavLink href="/">Overview</NavLink>
          <NavLink href="/usage">Usage</NavLink>
          <NavLink href="/pricing">Pricing</NavLink>
          <NavLink href="/purchases">Purchases</NavLink>
          {seesLedger && (
            <>
              <NavLink href="/approvals">
                <span className="flex items-center justify-between gap-2">
                  Approvals
                  {pendingApprovals > 0 && (
                    <span data-testid="pending-approvals" className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                      {pendingApprovals}
                      <span className="sr-only"> waiting</span>
                    </span>
                  )}
                </span>
              </NavLink>
              <NavLink href="/credits">Credits &amp; grants</NavLink>
              <NavLink href="/admin/billing">Billing settings</NavLink>
            </>
          )}
          {budgets && (
            <>
              <NavLink href="/budgets">Budgets</NavLink>
              <NavLink href="/alerts">
                <span className="flex items-center justify-between gap-2">
                  Alerts
                  {openAlerts > 0 && (
                    <span data-testid="open-alerts" className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                      {openAlerts}
                      <span className="sr-only"> open</span>
                    </span>
                  )}
                </span>
              </NavLink>
            </>
          )}
          {seesRoi(member) && (
            <>
              <NavLink href="/models">Models</NavLink>
              <NavLink href="/roi">ROI</NavLink>
              <NavLink href="/outcomes">Outcomes</NavLink>
            </>
          )}
          {/* The same condition as outbox.mailbox (server/env.ts: devMailboxEnabled). */}
          {devMailboxEnabled && <NavLink href="/dev/mailbox">Mailbox (dev)</NavLink>}
          {isAdmin && (
            <>
              <p className="px-3 pt-4 text-xs font-semibold uppercase tracking-wide text-gray-400">Administration</p>
              <NavLink href="/admin/organization">Organisation</NavLink>
              <NavLink href="/admin/price-book">Price book</NavLink>
              <NavLink href="/admin/api-keys">API keys</NavLink>
              <NavLink href="/admin/deliveries">Deliveries</NavLink>
              <NavLink href="/admin/webhooks">Webhooks</NavLink>
            </>
          )}
        </nav>
        <div className="mt-8 border-t border-gray-200 pt-4 text-sm dark:border-gray-800">
          <p className="truncate font-medium">{member.name}</p>
          <p className="truncate text-gray-500">{ROLE_LABELS[member.role]}</p>
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-8 print:p-0">{children}</main>
    </div>
  );
}
