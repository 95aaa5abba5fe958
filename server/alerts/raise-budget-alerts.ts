import { alerts } from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import type { Crossing } from "../budgets/budget-book";
import { departmentOfBudget } from "../budgets/budget-department";
import { projectedExhaustion } from "../budgets/projection";
import { uuidv7 } from "../lib/ids";
import { enqueueEmails } from "../outbox/enqueue";
import { budgetPausedEvent, thresholdCrossedEvent } from "../webhooks/budget-events";
import { emitWebhookEvent } from "../webhooks/emit";
import { alertRecipients } from "./recipients";

/**
 * Raises one alert per (budget, period, threshold) — the unique dedupe key makes a second raise a
 * no-op however it comes about — and queues its e-mails and webhook events in the same transaction
 * as the spend; a pause budget reaching its limit emits `budget.paused` (once per period).
 */
export async function raiseBudgetAlerts(tx: Transaction, orgId: string, crossings: Crossing[], now: Date): Promise<void> {
  for (const crossing of crossings) {
    if (crossing.raisesAlert) await raiseAlert(tx, orgId, crossing, now);
    if (crossing.pausesScope) await emitWebhookEvent(tx, orgId, budgetPausedEvent(crossing));
  }
}

async function raiseAlert(tx: Transaction, orgId: string, crossing: Crossing, now: Date): Promise<void> {
  const { budget } = crossing;
  const [alert] = await tx
    .insert(alerts)
    .values({
      orgId,
      id: uuidv7(),
      kind: "budget_threshold",
      dedupeKey: `budget:${budget.id}:${crossing.periodStart.toISOString()}:${crossing.thresholdPercent}`,
      budgetId: budget.id,
      periodStart: crossing.periodStart,
      thresholdPercent: crossing.thresholdPercent,
      spentMicros: crossing.spentMicros,
      limitMicros: budget.limitMicros,
    })
    .onConflictDoNothing({ target: [alerts.orgId, alerts.dedupeKey] })
    .returning({ id: alerts.id });
  if (!alert) return;
  const recipients = await alertRecipients(tx, orgId, {
    roles: budget.notifyRoles,
    emails: budget.notifyEmails,
    departmentId: await departmentOfBudget(tx, orgId, budget.id),
  });
  const projected = projectedExhaustion({
    spentMicros: crossing.spentMicros,
    limitMicros: budget.limitMicros,
    // Measured from when the budget started counting, as on its page (server/budgets/current-periods.ts).
    periodStart: new Date(Math.max(crossing.periodStart.getTime(), budget.createdAt.getTime())),
    periodEnd: crossing.periodEnd,
    now,
  });
  const exhausted = crossing.thresholdPercent >= 100;
  await enqueueEmails(
    tx,
    orgId,
    recipients.map((recipient) => ({
      dedupeKey: `alert:${alert.id}:${recipient.toLowerCase()}`,
      template: exhausted ? "budget-exhausted" : "budget-threshold",
      recipient,
      payload: {
        alertId: alert.id,
        budgetId: budget.id,
        budgetName: budget.name,
        scope: budget.scope,
        mode: budget.mode,
        thresholdPercent: crossing.thresholdPercent,
        spentMicros: crossing.spentMicros,
        limitMicros: budget.limitMicros,
        periodStart: crossing.periodStart.toISOString(),
        periodEnd: crossing.periodEnd.toISOString(),
        projectedExhaustionAt: projected?.toISOString() ?? null,
      },
    })),
  );
  await emitWebhookEvent(tx, orgId, thresholdCrossedEvent(alert.id, crossing, projected));
}
