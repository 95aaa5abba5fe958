import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { budgetPeriods, budgets } from "../../db/schema";
import { withTransaction, type DbOrTx, type Transaction } from "../../db/transaction";
import { raiseBudgetAlerts } from "../alerts/raise-budget-alerts";
import { recordAudit } from "../audit/record-audit";
import { actorOf, type MemberPrincipal } from "../auth/principal";
import { lockWallet } from "../ledger/wallet";
import { AppError, invalidInput } from "../lib/errors";
import { assertCanManage, budgetVisibility, findVisibleBudget } from "./budget-access";
import { marksCrossed, type Budget } from "./budget-book";
import { currentStatuses } from "./current-periods";
import { bumpConfigVersion } from "../org-config/config-version";
import { budgetResumedEvent } from "../webhooks/budget-events";
import { emitWebhookEvent } from "../webhooks/emit";

const thresholdsSchema = z
  .array(z.number().int().min(1).max(100))
  .min(1)
  .max(10)
  .transform((values) => [...new Set(values)].sort((a, b) => a - b));
const limitSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const notifyRolesSchema = z.array(z.enum(["admin", "finance", "department_head"])).max(3);
const notifyEmailsSchema = z.array(z.email()).max(20);

export const createBudgetSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scope: z.enum(["organization", "department", "project", "agent", "user"]),
    departmentId: z.uuid().optional(),
    projectId: z.uuid().optional(),
    agentId: z.uuid().optional(),
    /** Stored lower-cased here (JavaScript's Unicode rules) so matching never depends on the database's locale. */
    userRef: z.string().trim().min(1).max(200).toLowerCase().optional(),
    period: z.enum(["day", "week", "month", "quarter", "year", "custom"]),
    windowStart: z.iso.datetime({ offset: true }).optional(),
    windowEnd: z.iso.datetime({ offset: true }).optional(),
    limitMicros: limitSchema,
    thresholds: thresholdsSchema.default([50, 75, 90, 100]),
    mode: z.enum(["alert", "pause"]).default("alert"),
    notifyRoles: notifyRolesSchema.default(["admin"]),
    notifyEmails: notifyEmailsSchema.default([]),
  })
  .superRefine((input, ctx) => {
    const target = { department: input.departmentId, project: input.projectId, agent: input.agentId, user: input.userRef };
    for (const [scope, value] of Object.entries(target)) {
      if (scope === input.scope && !value) ctx.addIssue({ code: "custom", path: [`${scope === "user" ? "userRef" : `${scope}Id`}`], message: `a ${scope} budget needs its ${scope}` });
      if (scope !== input.scope && value) ctx.addIssue({ code: "custom", path: [`${scope === "user" ? "userRef" : `${scope}Id`}`], message: `only a ${scope} budget names a ${scope}` });
    }
    const custom = input.period === "custom";
    if (custom && (!input.windowStart || !input.windowEnd)) ctx.addIssue({ code: "custom", path: ["windowStart"], message: "a custom period needs a start and an end" });
    if (!custom && (input.windowStart || input.windowEnd)) ctx.addIssue({ code: "custom", path: ["windowStart"], message: "only a custom period has a window" });
    if (custom && input.windowStart && input.windowEnd && new Date(input.windowEnd) <= new Date(input.windowStart)) {
      ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "the window must end after it starts" });
    }
  });
export type CreateBudgetInput = z.input<typeof createBudgetSchema>;

export const updateBudgetSchema = z
  .object({
    budgetId: z.uuid(),
    name: z.string().trim().min(1).max(100).optional(),
    limitMicros: limitSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    mode: z.enum(["alert", "pause"]).optional(),
    notifyRoles: notifyRolesSchema.optional(),
    notifyEmails: notifyEmailsSchema.optional(),
    archived: z.boolean().optional(),
  })
  // An update with no field would reach the database as an empty SET (an internal error).
  .refine(({ budgetId: _budgetId, ...changes }) => Object.values(changes).some((value) => value !== undefined), {
    message: "nothing to change: give at least one field besides budgetId",
  });
export type UpdateBudgetInput = z.input<typeof updateBudgetSchema>;

/**
 * Budget changes take the organisation's wallet lock, like spend: a limit never changes under a
 * transaction that is checking it.
 */
export async function createBudget(db: DbOrTx, principal: MemberPrincipal, raw: CreateBudgetInput): Promise<Budget> {
  const input = createBudgetSchema.parse(raw);
  await assertCanManage(db, principal, input);
  return withTransaction(db, async (tx) => {
    await lockWallet(tx, principal.orgId);
    const [budget] = await tx
      .insert(budgets)
      .values({
        orgId: principal.orgId,
        name: input.name,
        scope: input.scope,
        departmentId: input.departmentId ?? null,
        projectId: input.projectId ?? null,
        agentId: input.agentId ?? null,
        userRef: input.userRef ?? null,
        period: input.period,
        windowStart: input.windowStart ? new Date(input.windowStart) : null,
        windowEnd: input.windowEnd ? new Date(input.windowEnd) : null,
        limitMicros: input.limitMicros,
        thresholds: input.thresholds,
        mode: input.mode,
        notifyRoles: input.notifyRoles,
        notifyEmails: input.notifyEmails,
        createdByMemberId: principal.memberId,
      })
      .returning();
    await bumpConfigVersion(tx, principal.orgId);
    await recordAudit(tx, { orgId: principal.orgId, actor: actorOf(principal), action: "budget.created", targetType: "budget", targetId: budget!.id, after: budget });
    return budget!;
  });
}

/**
 * Changes what a budget allows and whom it tells. Scope and period are fixed (totals belong to
 * them): a different scope or period is a new budget. Lowering the limit or a threshold below what
 * is already spent raises those alerts now.
 */
export async function updateBudget(db: DbOrTx, principal: MemberPrincipal, raw: UpdateBudgetInput): Promise<Budget> {
  const { budgetId, archived, ...changes } = updateBudgetSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const wallet = await lockWallet(tx, principal.orgId);
    const before = await findVisibleBudget(tx, principal, budgetId);
    await assertCanManage(tx, principal, before);
    const [after] = await tx
      .update(budgets)
      .set({ ...changes, archivedAt: archived === undefined ? undefined : archived ? sql`now()` : null })
      .where(and(eq(budgets.orgId, principal.orgId), eq(budgets.id, budgetId)))
      .returning();
    await bumpConfigVersion(tx, principal.orgId);
    await recordAudit(tx, { orgId: principal.orgId, actor: actorOf(principal), action: "budget.updated", targetType: "budget", targetId: budgetId, before, after });
    if (!after!.archivedAt) await raiseAlreadyCrossed(tx, principal.orgId, wallet.timeZone, wallet.now, after!);
    return after!;
  });
}

async function raiseAlreadyCrossed(tx: Transaction, orgId: string, timeZone: string, now: Date, budget: Budget): Promise<void> {
  const [status] = await currentStatuses(tx, orgId, timeZone, now, [budget]);
  if (!status?.periodStart || !status.periodEnd) return;
  const crossings = marksCrossed(budget, 0, status.spentMicros, budget.mode === "pause" && !status.resumed).map((mark) => ({
    budget,
    periodStart: status.periodStart!,
    periodEnd: status.periodEnd!,
    spentMicros: status.spentMicros,
    ...mark,
  }));
  await raiseBudgetAlerts(tx, orgId, crossings, now);
}

/** Lets a paused budget's scope spend past the limit for the rest of the current period; the next period re-arms it. */
export async function resumeBudget(db: DbOrTx, principal: MemberPrincipal, budgetId: string): Promise<void> {
  await withTransaction(db, async (tx) => {
    const wallet = await lockWallet(tx, principal.orgId);
    const budget = await findVisibleBudget(tx, principal, budgetId);
    await assertCanManage(tx, principal, budget);
    if (budget.mode !== "pause") throw invalidInput("Only a pause budget can be resumed");
    const [status] = await currentStatuses(tx, principal.orgId, wallet.timeZone, wallet.now, [budget]);
    if (!status?.periodStart || !status.periodEnd) throw new AppError("CONFLICT", "This budget's window is not running now");
    await tx
      .insert(budgetPeriods)
      .values({
        orgId: principal.orgId,
        budgetId,
        periodStart: status.periodStart,
        periodEnd: status.periodEnd,
        resumedAt: wallet.now,
        resumedByMemberId: principal.memberId,
      })
      .onConflictDoUpdate({
        target: [budgetPeriods.orgId, budgetPeriods.budgetId, budgetPeriods.periodStart],
        set: { resumedAt: wallet.now, resumedByMemberId: principal.memberId },
      });
    await emitWebhookEvent(tx, principal.orgId, budgetResumedEvent(budget, status.periodStart, status.periodEnd, principal.memberId, status.spentMicros));
    await recordAudit(tx, {
      orgId: principal.orgId,
      actor: actorOf(principal),
      action: "budget.resumed",
      targetType: "budget",
      targetId: budgetId,
      after: { periodStart: status.periodStart.toISOString() },
    });
  });
}

/** The budgets a member may see, newest first. */
export async function listVisibleBudgets(db: DbOrTx, principal: MemberPrincipal, includeArchived = false): Promise<Budget[]> {
  return db
    .select()
    .from(budgets)
    .where(and(budgetVisibility(principal), includeArchived ? undefined : sql`${budgets.archivedAt} IS NULL`))
    .orderBy(desc(budgets.createdAt));
}
