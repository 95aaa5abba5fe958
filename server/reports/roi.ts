import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agents, departments, organizations, outcomeMetrics, outcomeRecords } from "../../db/schema";
import type { DbOrTx } from "../../db/transaction";
import type { Principal } from "../auth/principal";
import { AppError } from "../lib/errors";
import { listCreditPrice, moneyForCredits, monthlyCreditPrices, type CreditPrice } from "./credit-price";
import { departmentScopeOf, departmentsWithin } from "./department-scope";
import { monthlySpend } from "./monthly-spend";
import { costPerUnitMinor, roiBps, valueMinorOf } from "./roi-math";
import { MAX_ROI_MONTHS, monthsBetween, roiInputSchema, shiftMonth, type RoiInput } from "./roi-input";

export interface RoiFigures {
  chargedMicros: number;
  costMinor: number;
  valueMinor: number;
  /** value − cost. */
  netMinor: number;
  /** (value − cost) / cost in basis points; null when nothing was spent. */
  roiBps: number | null;
}

export interface OutcomeFigures {
  metricId: string;
  metric: string;
  unit: string;
  quantityMicros: number;
  valueMinor: number;
  /** The department's (or agent's) cost ÷ this metric's quantity; null without outcomes. */
  costPerUnitMinor: number | null;
}

export interface RoiMonth extends RoiFigures {
  month: string;
  outcomes: OutcomeFigures[];
}

interface Accumulator {
  charged: bigint;
  /** Σ quantity × value per unit, at scale 10⁶, per metric. */
  byMetric: Map<string, { quantity: bigint; value: bigint }>;
}

const newAccumulator = (): Accumulator => ({ charged: 0n, byMetric: new Map() });
const keyOf = (...parts: (string | null)[]) => parts.map((p) => p ?? "").join("|");

/**
 * ROI per department and month, and per agent within each department, over a range of months:
 * credits charged, their money cost at the month's effective credit price (credit-price.ts),
 * the value of the outcomes recorded, ROI and cost per outcome (roi-math.ts). Department heads
 * get their departments only; asking for another is FORBIDDEN.
 */
export async function roiReport(db: DbOrTx, principal: Principal, input: RoiInput) {
  const filter = roiInputSchema.parse(input);
  const scope = departmentsWithin(departmentScopeOf(principal), filter.departmentIds);
  const [org] = await db
    .select({
      timeZone: organizations.timeZone,
      currency: organizations.currency,
      creditPriceMinorPerMillion: organizations.creditPriceMinorPerMillion,
      currentMonth: sql<string>`to_char(now() AT TIME ZONE ${organizations.timeZone}, 'YYYY-MM')`,
    })
    .from(organizations)
    .where(eq(organizations.id, principal.orgId));
  if (!org) throw new AppError("NOT_FOUND", "Organisation not found");
  const toMonth = filter.toMonth ?? (filter.fromMonth && filter.fromMonth > org.currentMonth ? filter.fromMonth : org.currentMonth);
  const fromMonth = filter.fromMonth ?? shiftMonth(toMonth, -5);
  const months = monthsBetween(fromMonth, toMonth);
  if (months.length > MAX_ROI_MONTHS) throw new AppError("INVALID_INPUT", `A report covers at most ${MAX_ROI_MONTHS} months`);

  const visible = scope === "all" ? undefined : scope;
  const empty = visible !== undefined && visible.length === 0;
  const [departmentRows, agentRows, spend, outcomeRows, prices] = await Promise.all([
    empty
      ? []
      : db
          .select({ id: departments.id, name: departments.name, archivedAt: departments.archivedAt })
          .from(departments)
          .where(and(eq(departments.orgId, principal.orgId), visible ? inArray(departments.id, visible) : undefined))
          .orderBy(asc(departments.name)),
    empty
      ? []
      : db
          .select({ id: agents.id, name: agents.name, departmentId: agents.departmentId })
          .from(agents)
          .where(and(eq(agents.orgId, principal.orgId), visible ? inArray(agents.departmentId, visible) : undefined)),
    monthlySpend(db, principal, { fromMonth, toMonth, scope }),
    empty ? [] : monthlyOutcomes(db, principal.orgId, org.timeZone, fromMonth, toMonth, visible),
    monthlyCreditPrices(db, { orgId: principal.orgId, timeZone: org.timeZone, creditPriceMinorPerMillion: org.creditPriceMinorPerMillion, months }),
  ]);
  const metricNames = new Map(outcomeRows.map((row) => [row.metricId, { metric: row.metric, unit: row.unit }]));

  const byDepartmentMonth = new Map<string, Accumulator>();
  const byAgentMonth = new Map<string, Accumulator>();
  const of = (map: Map<string, Accumulator>, key: string) => {
    let acc = map.get(key);
    if (!acc) map.set(key, (acc = newAccumulator()));
    return acc;
  };
  const agentDepartment = new Map(agentRows.map((agent) => [agent.id, agent.departmentId]));
  for (const row of spend.departments) of(byDepartmentMonth, keyOf(row.id, row.month)).charged += BigInt(row.chargedMicros);
  for (const row of spend.agents) {
    const departmentId = agentDepartment.get(row.id);
    if (departmentId) of(byAgentMonth, keyOf(departmentId, row.id, row.month)).charged += BigInt(row.chargedMicros);
  }
  const addOutcome = (acc: Accumulator, metricId: string, quantity: bigint, value: bigint) => {
    const metric = acc.byMetric.get(metricId) ?? { quantity: 0n, value: 0n };
    acc.byMetric.set(metricId, { quantity: metric.quantity + quantity, value: metric.value + value });
  };
  for (const row of outcomeRows) {
    const quantity = BigInt(row.quantityMicros);
    const value = BigInt(row.valueScaled);
    addOutcome(of(byDepartmentMonth, keyOf(row.departmentId, row.month)), row.metricId, quantity, value);
    if (row.agentId) addOutcome(of(byAgentMonth, keyOf(row.departmentId, row.agentId, row.month)), row.metricId, quantity, value);
  }

  const priceOf = (month: string): CreditPrice => prices.get(month) ?? listCreditPrice(org.creditPriceMinorPerMillion);
  const figures = (acc: Accumulator | undefined, month: string): RoiMonth => {
    const cost = moneyForCredits(acc?.charged ?? 0n, priceOf(month));
    const outcomes = [...(acc?.byMetric ?? new Map<string, { quantity: bigint; value: bigint }>()).entries()].map(([metricId, m]) => {
      const perUnit = costPerUnitMinor(cost, m.quantity);
      return {
        metricId,
        ...metricNames.get(metricId)!,
        quantityMicros: Number(m.quantity),
        valueMinor: Number(valueMinorOf(m.value)),
        costPerUnitMinor: perUnit === null ? null : Number(perUnit),
      };
    });
    // Rounded once over the whole group, not per metric.
    const value = valueMinorOf([...(acc?.byMetric.values() ?? [])].reduce((sum, m) => sum + m.value, 0n));
    return {
      month,
      chargedMicros: Number(acc?.charged ?? 0n),
      costMinor: Number(cost),
      valueMinor: Number(value),
      netMinor: Number(value - cost),
      roiBps: roiBps(value, cost),
      outcomes: outcomes.sort((a, b) => a.metric.localeCompare(b.metric)),
    };
  };
  const total = (rows: RoiMonth[]): RoiFigures => {
    const cost = rows.reduce((sum, r) => sum + BigInt(r.costMinor), 0n);
    const value = rows.reduce((sum, r) => sum + BigInt(r.valueMinor), 0n);
    return {
      chargedMicros: rows.reduce((sum, r) => sum + r.chargedMicros, 0),
      costMinor: Number(cost),
      valueMinor: Number(value),
      netMinor: Number(value - cost),
      roiBps: roiBps(value, cost),
    };
  };

  const departmentReports = departmentRows
    .map((department) => {
      const monthly = months.map((month) => figures(byDepartmentMonth.get(keyOf(department.id, month)), month));
      const agentReports = agentRows
        .filter((agent) => agent.departmentId === department.id)
        .map((agent) => {
          const agentMonths = months.map((month) => figures(byAgentMonth.get(keyOf(department.id, agent.id, month)), month));
          return { agentId: agent.id, name: agent.name, months: agentMonths, total: total(agentMonths) };
        })
        .filter((agent) => agent.total.chargedMicros > 0 || agent.total.valueMinor > 0)
        .sort((a, b) => b.total.chargedMicros - a.total.chargedMicros);
      return { departmentId: department.id, name: department.name, archived: department.archivedAt !== null, months: monthly, total: total(monthly), agents: agentReports };
    })
    // Archived departments only while they still have figures in the range.
    .filter((d) => !d.archived || d.total.chargedMicros > 0 || d.total.valueMinor > 0);

  return {
    currency: org.currency,
    timeZone: org.timeZone,
    fromMonth,
    toMonth,
    months,
    creditPrices: months.map((month) => {
      const price = priceOf(month);
      return { month, source: price.source, minor: price.minor.toString(), perMicros: price.perMicros.toString() };
    }),
    departments: departmentReports,
  };
}
export type RoiReport = Awaited<ReturnType<typeof roiReport>>;

async function monthlyOutcomes(db: DbOrTx, orgId: string, timeZone: string, fromMonth: string, toMonth: string, departmentIds: string[] | undefined) {
  const month = sql<string>`to_char(${outcomeRecords.occurredAt} AT TIME ZONE ${timeZone}, 'YYYY-MM')`;
  return db
    .select({
      departmentId: outcomeRecords.departmentId,
      agentId: outcomeRecords.agentId,
      metricId: outcomeRecords.metricId,
      metric: outcomeMetrics.name,
      unit: outcomeMetrics.unit,
      month,
      quantityMicros: sql<string>`sum(${outcomeRecords.quantityMicros})::text`,
      valueScaled: sql<string>`sum(${outcomeRecords.quantityMicros}::numeric * ${outcomeRecords.valuePerUnitMinor})::text`,
    })
    .from(outcomeRecords)
    .innerJoin(outcomeMetrics, and(eq(outcomeMetrics.orgId, outcomeRecords.orgId), eq(outcomeMetrics.id, outcomeRecords.metricId)))
    .where(
      and(
        eq(outcomeRecords.orgId, orgId),
        departmentIds ? inArray(outcomeRecords.departmentId, departmentIds) : undefined,
        sql`${outcomeRecords.occurredAt} >= (to_date(${fromMonth}, 'YYYY-MM')::timestamp AT TIME ZONE ${timeZone})`,
        sql`${outcomeRecords.occurredAt} < ((to_date(${toMonth}, 'YYYY-MM') + interval '1 month')::timestamp AT TIME ZONE ${timeZone})`,
      ),
    )
    // By position: the month expression carries a parameter, so repeating it would not match.
    .groupBy(sql`1`, sql`2`, sql`3`, sql`4`, sql`5`, sql`6`);
}
