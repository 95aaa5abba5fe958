import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { alerts, budgetPeriods, outboxMessages } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { createCaller, type RouterInputs } from "../../server/api/root";
import type { Principal } from "../../server/auth/principal";
import { lockWallet } from "../../server/ledger/wallet";
import { expireDueHolds } from "../../server/usage/reservations";
import { createTestOrg, type TestOrg } from "./fixtures";

/** What an event or a hold is attributed to, by slug (as sibling apps name them). */
export interface SpendAttribution {
  department?: string;
  project?: string;
  agent?: string;
  user?: string;
  /** ISO 8601 with an offset; the database's clock when unset. */
  timestamp?: string;
}

/** A usage event that costs exactly `micros`: test-small bills 1 µcr per input token. */
export function spendEvent(idempotencyKey: string, micros: number, attribution: SpendAttribution = {}) {
  return { idempotencyKey, model: "test-small", inputTokens: micros, ...attribution };
}

export const callerFor = (db: Database, principal: Principal) => createCaller({ db, principal });

/** Runs the reservation-expiry job for one organisation only (the job itself sweeps every tenant); returns what it released. */
export const expireHoldsOf = (db: Database, orgId: string) => withTransaction(db, async (tx) => expireDueHolds(tx, await lockWallet(tx, orgId)));

/** A fresh test organisation with one budget, created by its administrator; `api` calls as its all-scopes key. */
export async function orgWithBudget(db: Database, budget: (org: TestOrg) => RouterInputs["budgets"]["create"]) {
  const org = await createTestOrg(db);
  const created = await callerFor(db, org.admin).budgets.create(budget(org));
  return { org, budget: created, api: callerFor(db, org.apiKey) };
}

/** A monthly budget on the support department. */
export const supportBudget = (mode: "alert" | "pause", limitMicros: number) => (org: TestOrg) => ({
  name: "Support",
  scope: "department" as const,
  departmentId: org.departments.support,
  period: "month" as const,
  limitMicros,
  mode,
});

/** The fixture's agent and project ids, the targets of agent and project budgets. */
export async function budgetTargetsOf(db: Database, org: TestOrg): Promise<{ supportBot: string; salesBot: string; helpdesk: string }> {
  const admin = callerFor(db, org.admin).org;
  const [agents, projects] = await Promise.all([admin.agents(), admin.projects()]);
  const idOf = (rows: { id: string; slug: string }[], slug: string) => rows.find((row) => row.slug === slug)!.id;
  return { supportBot: idOf(agents, "support-bot"), salesBot: idOf(agents, "sales-bot"), helpdesk: idOf(projects, "helpdesk") };
}

export interface PeriodTotals {
  start: string;
  end: string;
  spentMicros: number;
  heldMicros: number;
  resumed: boolean;
}

/** A budget's stored totals, one row per period it was spent in, oldest first. */
export async function periodTotals(db: Database, orgId: string, budgetId: string): Promise<PeriodTotals[]> {
  const rows = await db
    .select()
    .from(budgetPeriods)
    .where(and(eq(budgetPeriods.orgId, orgId), eq(budgetPeriods.budgetId, budgetId)))
    .orderBy(asc(budgetPeriods.periodStart));
  return rows.map((row) => ({
    start: row.periodStart.toISOString(),
    end: row.periodEnd.toISOString(),
    spentMicros: row.spentMicros,
    heldMicros: row.heldMicros,
    resumed: row.resumedAt !== null,
  }));
}

/** Spent and held of a budget that was only ever spent in one period (none at all gives zeros). */
export async function singlePeriodTotals(db: Database, orgId: string, budgetId: string): Promise<{ spentMicros: number; heldMicros: number }> {
  const rows = await periodTotals(db, orgId, budgetId);
  if (rows.length > 1) throw new Error(`budget ${budgetId} has ${rows.length} periods`);
  return { spentMicros: rows[0]?.spentMicros ?? 0, heldMicros: rows[0]?.heldMicros ?? 0 };
}

export interface RaisedAlert {
  thresholdPercent: number;
  periodStart: string;
  spentMicros: number;
  limitMicros: number;
}

/** The threshold alerts raised for a budget, by period then threshold. */
export async function raisedAlerts(db: Database, orgId: string, budgetId: string): Promise<(RaisedAlert & { id: string })[]> {
  const rows = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.orgId, orgId), eq(alerts.budgetId, budgetId)))
    .orderBy(asc(alerts.periodStart), asc(alerts.thresholdPercent));
  return rows.map((row) => ({
    id: row.id,
    thresholdPercent: row.thresholdPercent!,
    periodStart: row.periodStart!.toISOString(),
    spentMicros: row.spentMicros!,
    limitMicros: row.limitMicros!,
  }));
}

/** Just the thresholds raised for a budget, ascending (all periods together). */
export async function raisedThresholds(db: Database, orgId: string, budgetId: string): Promise<number[]> {
  return (await raisedAlerts(db, orgId, budgetId)).map((alert) => alert.thresholdPercent).sort((a, b) => a - b);
}

/** The e-mails queued for an organisation: which alert each is about, to whom, with which template. */
export async function queuedEmails(db: Database, orgId: string): Promise<{ alertId: string; recipient: string; template: string }[]> {
  const rows = await db.select().from(outboxMessages).where(eq(outboxMessages.orgId, orgId));
  return rows
    .map((row) => ({ alertId: (row.payload as { alertId: string }).alertId, recipient: row.recipient, template: row.template }))
    .sort((a, b) => `${a.alertId}${a.recipient}`.localeCompare(`${b.alertId}${b.recipient}`));
}

export const HOUR_MS = 3_600_000;

/** The e-mails a set of alerts should have queued: one per alert and recipient, "budget-exhausted" at 100 %. */
export function expectedEmails(raised: { id: string; thresholdPercent: number }[], recipients: string[]) {
  return raised
    .flatMap((alert) =>
      recipients.map((recipient) => ({
        alertId: alert.id,
        recipient,
        template: alert.thresholdPercent >= 100 ? "budget-exhausted" : "budget-threshold",
      })),
    )
    .sort((a, b) => `${a.alertId}${a.recipient}`.localeCompare(`${b.alertId}${b.recipient}`));
}
