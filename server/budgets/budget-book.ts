import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { budgetPeriods, budgets, type BudgetHold } from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import { AppError } from "../lib/errors";
import { withParams, type ShapedStatement } from "../lib/shaped-sql";
import { orgPrefix, unnestSelect } from "../lib/sql-arrays";
import type { Attribution } from "../usage/attribution";
import { periodKeyOf, readPeriodTotals, type PeriodKey, type PeriodTotals } from "./period-totals";
import { calendarPeriods, knownCalendarPeriods, type PeriodQuery } from "./periods";

export type Budget = typeof budgets.$inferSelect;

/** A budget's totals for one period, as the book holds them while a transaction spends. */
interface PeriodState {
  budget: Budget;
  start: Date;
  end: Date;
  spent: number;
  held: number;
  resumed: boolean;
  changed: boolean;
}

/** A threshold that spend in this transaction crossed. */
export interface Crossing {
  budget: Budget;
  periodStart: Date;
  periodEnd: Date;
  thresholdPercent: number;
  spentMicros: number;
  /** One of the budget's alert thresholds (a pause budget's limit is a mark even when it is not one). */
  raisesAlert: boolean;
  /** A pause budget's committed spend reached its limit: its scope is refused until resumed or the next period. */
  pausesScope: boolean;
}

/** A mark of a budget: a percentage of its limit, and the first spend (in micro-credits) that reaches it. */
interface Mark extends Pick<Crossing, "thresholdPercent" | "raisesAlert" | "pausesScope"> {
  reachedAt: number;
}

/** Each budget's marks, worked out once per budget row (configuration is cached, so its rows are reused). */
const marksOfBudget = new WeakMap<Budget, { watching: Mark[]; enforcing: Mark[] }>();

function marksOf(budget: Budget, enforcingPause: boolean): Mark[] {
  let marks = marksOfBudget.get(budget);
  if (!marks) {
    const mark = (percent: number, pausesScope: boolean): Mark => ({
      thresholdPercent: percent,
      raisesAlert: budget.thresholds.includes(percent),
      pausesScope,
      reachedAt: firstSpendReaching(percent, budget.limitMicros),
    });
    const pauseMarks = budget.thresholds.includes(100) ? budget.thresholds : [...budget.thresholds, 100];
    marks = { watching: budget.thresholds.map((percent) => mark(percent, false)), enforcing: pauseMarks.map((percent) => mark(percent, percent === 100)) };
    marksOfBudget.set(budget, marks);
  }
  return enforcingPause ? marks.enforcing : marks.watching;
}

/** The marks (percent of the limit) spend moving from `before` to `after` crossed. */
export function marksCrossed(budget: Budget, before: number, after: number, enforcingPause: boolean): Pick<Crossing, "thresholdPercent" | "raisesAlert" | "pausesScope">[] {
  const crossedMarks: Pick<Crossing, "thresholdPercent" | "raisesAlert" | "pausesScope">[] = [];
  for (const mark of marksOf(budget, enforcingPause)) {
    if (reachedBetween(mark, before, after)) crossedMarks.push({ thresholdPercent: mark.thresholdPercent, raisesAlert: mark.raisesAlert, pausesScope: mark.pausesScope });
  }
  return crossedMarks;
}

/** Spend moving from `before` to `after` crossed the mark: it was below it and reached it. */
const reachedBetween = (mark: Mark, before: number, after: number) => before < mark.reachedAt && mark.reachedAt <= after;

export interface BookItem {
  attribution: Attribution;
  /** When the spend happens; it counts in the budget period containing this instant. */
  at: Date;
}

/** Whether a budget's scope covers an action with this attribution. */
export function budgetApplies(budget: Budget, attribution: Attribution): boolean {
  switch (budget.scope) {
    case "organization":
      return true;
    case "department":
      return budget.departmentId === attribution.departmentId;
    case "project":
      return budget.projectId === attribution.projectId;
    case "agent":
      return budget.agentId === attribution.agentId;
    case "user":
      return attribution.userRef !== null && budget.userRef?.toLowerCase() === attribution.userRef.toLowerCase();
  }
}

const crossingAt = (state: PeriodState, { thresholdPercent, raisesAlert, pausesScope }: Mark): Crossing => ({
  budget: state.budget,
  periodStart: state.start,
  periodEnd: state.end,
  spentMicros: state.spent,
  thresholdPercent,
  raisesAlert,
  pausesScope,
});
const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/**
 * Every budget that applies to a set of actions, with its totals for the period each action falls
 * in, loaded once per transaction under the organisation's wallet lock (the only lock budget
 * totals are changed under). Spend and holds are applied in memory and written by `flush`.
 */
export interface BudgetBook {
  /** Refuses (BUDGET_EXHAUSTED) when `amountMicros` would take a pause budget's committed + held past its limit. */
  assertFits(item: number, amountMicros: number, batchIndex?: number): void;
  /** How much more item `item` may spend before a pause budget refuses (Infinity when none applies). */
  headroom(item: number): number;
  addSpend(item: number, amountMicros: number): void;
  /** Books a hold in every applying budget; returns where, so it can be returned exactly. */
  addHold(item: number, amountMicros: number): BudgetHold[];
  releaseHolds(holds: BudgetHold[]): void;
  /** Remembers every total as it is now; calling the returned function puts them back (a refused request's spend). */
  checkpoint(): () => void;
  /**
   * The statement that writes the changed totals (null when none changed) and the alert thresholds
   * the new spend crossed — for a caller that makes it part of a larger statement.
   */
  takeWrite(): { write: ShapedStatement | null; crossings: Crossing[] };
  /** Writes the changed totals and returns the alert thresholds the new spend crossed. */
  flush(tx: Transaction): Promise<Crossing[]>;
}

export async function openBudgetBook(
  tx: Transaction,
  orgId: string,
  timeZone: string,
  items: BookItem[],
  holds: BudgetHold[] = [],
  /** Every budget of the organisation, when the caller has them (server/org-config); else they are queried. */
  allBudgets?: Budget[],
  /** Period totals already read in this transaction (see `periodsToReadAhead`): only the others are read. */
  readAhead?: PeriodTotalsRead,
): Promise<BudgetBook> {
  const heldBudgetIds = distinct(holds.map((hold) => hold.budgetId));
  const attributions = items.map((item) => item.attribution);
  const candidates =
    allBudgets ??
    (await tx
      .select()
      .from(budgets)
      .where(
        and(
          eq(budgets.orgId, orgId),
          or(
            and(
              isNull(budgets.archivedAt),
              or(
                eq(budgets.scope, "organization"),
                inArrayOrFalse(budgets.departmentId, distinct(attributions.map((a) => a.departmentId))),
                inArrayOrFalse(budgets.projectId, distinct(attributions.map((a) => a.projectId))),
                inArrayOrFalse(budgets.agentId, distinct(attributions.map((a) => a.agentId))),
                inArrayOrFalse(sql`lower(${budgets.userRef})`, distinct(attributions.map((a) => a.userRef?.toLowerCase() ?? null))),
              ),
            ),
            inArrayOrFalse(budgets.id, heldBudgetIds),
          ),
        ),
      ));
  const byId = new Map(candidates.map((budget) => [budget.id, budget]));

  // Which (budget, period) each item counts in.
  const { queries, queryFor } = periodQueries(items, candidates);
  const bounds = await calendarPeriods(tx, timeZone, queries);

  // By budget, then by period start: found without building a key string per item.
  const statesByBudget = new Map<string, Map<number, PeriodState>>();
  const stateAt = (budgetId: string, start: Date) => statesByBudget.get(budgetId)?.get(start.getTime());
  const allStates = () => [...statesByBudget.values()].flatMap((ofBudget) => [...ofBudget.values()]);
  const itemStates: PeriodState[][] = items.map(() => []);
  const stateFor = (budget: Budget, start: Date, end: Date) => {
    let ofBudget = statesByBudget.get(budget.id);
    if (!ofBudget) statesByBudget.set(budget.id, (ofBudget = new Map()));
    let state = ofBudget.get(start.getTime());
    if (!state) {
      state = { budget, start, end, spent: 0, held: 0, resumed: false, changed: false };
      ofBudget.set(start.getTime(), state);
    }
    return state;
  };
  for (const { item, budget, query } of queryFor) {
    const { start, end } = query === "custom" ? { start: budget.windowStart!, end: budget.windowEnd! } : bounds[query]!;
    itemStates[item]!.push(stateFor(budget, start, end));
  }
  for (const hold of holds) {
    const budget = byId.get(hold.budgetId);
    // The period's end is read from its row below; a hold always has one.
    if (budget) stateFor(budget, new Date(hold.periodStart), new Date(hold.periodStart));
  }

  // The totals: those read ahead (under the same lock), and the rest now.
  const toRead = allStates().filter((state) => !readAhead?.asked.has(periodKeyOf(state.budget.id, state.start)));
  const rows = [
    ...(readAhead?.rows ?? []),
    ...(toRead.length > 0
      ? await readPeriodTotals(
          tx,
          orgId,
          toRead.map((state) => ({ budgetId: state.budget.id, start: state.start })),
        )
      : []),
  ];
  for (const row of rows) {
    const state = stateAt(row.budgetId, row.periodStart);
    if (!state) continue;
    state.spent = row.spentMicros;
    state.held = row.heldMicros;
    state.end = row.periodEnd;
    state.resumed = row.resumedAt !== null;
  }

  const crossings: Crossing[] = [];
  const enforcing = (state: PeriodState) => state.budget.mode === "pause" && !state.resumed;
  const room = (state: PeriodState) => Math.max(0, state.budget.limitMicros - state.spent - state.held);

  return {
    assertFits(item, amountMicros, batchIndex) {
      if (amountMicros === 0) return;
      for (const state of itemStates[item]!) {
        if (enforcing(state) && state.spent + state.held + amountMicros > state.budget.limitMicros) {
          throw new AppError("BUDGET_EXHAUSTED", `Budget "${state.budget.name}" has no room for this in the current period`, {
            index: batchIndex,
            budgetId: state.budget.id,
            budgetName: state.budget.name,
            limitMicros: state.budget.limitMicros,
            spentMicros: state.spent,
            heldMicros: state.held,
            requiredMicros: amountMicros,
            periodEnd: state.end.toISOString(),
          });
        }
      }
    },
    headroom(item) {
      return itemStates[item]!.filter(enforcing).reduce((least, state) => Math.min(least, room(state)), Number.POSITIVE_INFINITY);
    },
    addSpend(item, amountMicros) {
      for (const state of itemStates[item]!) {
        const before = state.spent;
        state.spent += amountMicros;
        state.changed ||= amountMicros !== 0;
        // Measured at the spend that crossed it, so the alert tells the spend at that moment.
        for (const mark of marksOf(state.budget, enforcing(state))) {
          if (reachedBetween(mark, before, state.spent)) crossings.push(crossingAt(state, mark));
        }
      }
    },
    addHold(item, amountMicros) {
      return itemStates[item]!.map((state) => {
        state.held += amountMicros;
        state.changed = true;
        return { budgetId: state.budget.id, periodStart: state.start.toISOString(), amountMicros };
      });
    },
    releaseHolds(toRelease) {
      for (const hold of toRelease) {
        const state = stateAt(hold.budgetId, new Date(hold.periodStart));
        if (!state) continue;
        state.held = Math.max(0, state.held - hold.amountMicros);
        state.changed = true;
      }
    },
    checkpoint() {
      const saved = allStates().map((state) => ({ state, spent: state.spent, held: state.held, changed: state.changed }));
      const crossingsSoFar = crossings.length;
      return () => {
        for (const { state, spent, held, changed } of saved) Object.assign(state, { spent, held, changed });
        crossings.length = crossingsSoFar;
      };
    },
    takeWrite,
    async flush(writer) {
      const { write, crossings: crossed } = takeWrite();
      if (write) await writer.execute(withParams(write));
      return crossed;
    },
  };

  function takeWrite() {
    const changed = allStates().filter((state) => state.changed);
    for (const state of changed) state.changed = false;
    const write: ShapedStatement | null =
      changed.length === 0
        ? null
        : {
            shape: "budget-periods",
            bindValues: (bind) => {
              const rows = unnestSelect(
                orgPrefix(bind(orgId)),
                [
                  { values: changed.map((state) => state.budget.id), type: "uuid" },
                  { values: changed.map((state) => state.start.toISOString()), type: "timestamptz" },
                  { values: changed.map((state) => state.end.toISOString()), type: "timestamptz" },
                  { values: changed.map((state) => state.spent), type: "bigint" },
                  { values: changed.map((state) => state.held), type: "bigint" },
                ],
                bind,
              );
              return () => sql`INSERT INTO ${budgetPeriods} (org_id, budget_id, period_start, period_end, spent_micros, held_micros) ${rows()}
                ON CONFLICT (org_id, budget_id, period_start) DO UPDATE SET spent_micros = excluded.spent_micros, held_micros = excluded.held_micros`;
            },
          };
    return { write, crossings: crossings.splice(0) };
  }
}

/** One period query per distinct (period, instant) — a batch stamped "now" asks once per period kind — and which item and budget each serves. */
function periodQueries(items: BookItem[], candidates: Budget[]) {
  const queries: PeriodQuery[] = [];
  // By period kind, then by instant (no key string per item: a batch asks this for every event).
  const queryIndex = new Map<PeriodQuery["period"], Map<number, number>>();
  const queryFor: { item: number; budget: Budget; query: number | "custom" }[] = [];
  for (const [item, { attribution, at }] of items.entries()) {
    for (const budget of candidates) {
      if (budget.archivedAt || !budgetApplies(budget, attribution) || !inWindow(budget, at)) continue;
      if (budget.period === "custom") {
        queryFor.push({ item, budget, query: "custom" });
        continue;
      }
      let ofPeriod = queryIndex.get(budget.period);
      if (!ofPeriod) queryIndex.set(budget.period, (ofPeriod = new Map()));
      let query = ofPeriod.get(at.getTime());
      if (query === undefined) {
        query = queries.push({ period: budget.period, at }) - 1;
        ofPeriod.set(at.getTime(), query);
      }
      queryFor.push({ item, budget, query });
    }
  }
  return { queries, queryFor };
}

/** Period totals read ahead of the book: every (budget, start) that was asked for, and the rows found. */
export interface PeriodTotalsRead {
  asked: Set<string>;
  rows: PeriodTotals[];
}

/** Past this many live budgets, reading every budget's current period ahead costs more than it saves. */
const EVERY_BUDGET_READ_AHEAD_LIMIT = 32;

/**
 * The (budget, period start) pairs a book for these items would read, when the calendar knows their
 * periods without the database — so a spending group can read them in the round trip of its wallet
 * lock, planned from the configuration it last saw; undefined when it cannot tell. With
 * `everyBudgetAt`, also the period of every live budget containing that instant (for holds being
 * resolved, whose budgets only their rows tell), when the organisation has few.
 */
export function periodsToReadAhead(timeZone: string, items: BookItem[], budgets: Budget[], everyBudgetAt?: Date): PeriodKey[] | undefined {
  const live = budgets.filter((budget) => !budget.archivedAt);
  const everyBudget = everyBudgetAt && live.length <= EVERY_BUDGET_READ_AHEAD_LIMIT ? live : [];
  const { queries, queryFor } = periodQueries(items, budgets);
  for (const budget of everyBudget) {
    if (budget.period === "custom") queryFor.push({ item: -1, budget, query: "custom" });
    else queryFor.push({ item: -1, budget, query: queries.push({ period: budget.period, at: everyBudgetAt! }) - 1 });
  }
  const bounds = knownCalendarPeriods(timeZone, queries);
  if (!bounds) return undefined;
  const periods = new Map<string, PeriodKey>();
  for (const { budget, query } of queryFor) {
    const start = query === "custom" ? budget.windowStart! : bounds[query]!.start;
    periods.set(periodKeyOf(budget.id, start), { budgetId: budget.id, start });
  }
  return [...periods.values()];
}

/** Reads the totals `periodsToReadAhead` planned, in the spending transaction (behind its lock), remembering what was asked. */
export async function readPeriodTotalsAhead(tx: Transaction, orgId: string, periods: PeriodKey[]): Promise<PeriodTotalsRead> {
  const asked = new Set(periods.map((period) => periodKeyOf(period.budgetId, period.start)));
  return { asked, rows: await readPeriodTotals(tx, orgId, periods) };
}

/**
 * The smallest whole spend at or above `percent` % of `limit`: ⌈percent × limit ÷ 100⌉, exactly
 * (in BigInt, once per budget; spend is then compared with it as a plain number). Infinity when no
 * safe amount reaches it.
 */
export function firstSpendReaching(percent: number, limit: number): number {
  const reachedAt = (BigInt(percent) * BigInt(limit) + 99n) / 100n;
  return reachedAt > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(reachedAt);
}

function inWindow(budget: Budget, at: Date): boolean {
  if (budget.period !== "custom") return true;
  return budget.windowStart! <= at && at < budget.windowEnd!;
}

function inArrayOrFalse(column: Parameters<typeof inArray>[0], values: string[]) {
  return values.length === 0 ? sql`false` : inArray(column, values);
}
